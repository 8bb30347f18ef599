package io.backbeat.cli.operate;

import java.io.PrintWriter;
import java.util.List;

/** Rows as text columns padded to their widest value; numbers right-aligned. */
final class AlignedTable {
    private static final int MAX_WIDTH = 40;

    private AlignedTable() {}

    static void print(PrintWriter out, List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            numeric[c] = true;
            for (List<String> row : rows) {
                widths[c] = Math.min(MAX_WIDTH, Math.max(widths[c], row.get(c).length()));
                numeric[c] &= row.get(c).isEmpty() || row.get(c).matches("-?[0-9.Ee+-]+");
            }
        }
        line(out, columns, widths, new boolean[columns.size()]);
        rows.forEach(row -> line(out, row, widths, numeric));
    }

    private static void line(PrintWriter out, List<String> values, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            String value = values.get(c);
            if (value.length() > widths[c]) {
                value = value.substring(0, widths[c] - 1) + "…";
            }
            String padded = right[c] ? " ".repeat(widths[c] - value.length()) + value : value + " ".repeat(widths[c] - value.length());
            line.append(c == 0 ? "  " : "  ").append(padded);
        }
        out.println(line.toString().stripTrailing());
    }
}
