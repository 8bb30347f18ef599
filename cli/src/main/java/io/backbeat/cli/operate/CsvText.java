package io.backbeat.cli.operate;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Rows as CSV with a header on the command's output (null as the empty field, as in the KPI CSV exports). */
final class CsvText {

    private CsvText() {}

    static void print(PrintWriter out, List<String> columns, List<List<String>> rows) {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        csv.writeRecord(columns);
        rows.forEach(csv::writeRecord);
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to the output failed", e);
        }
    }
}
