package io.backbeat.functions.warehouse;

import java.util.List;

/**
 * The rows of a statement, every value as the text the Data API returned (numbers in Java's decimal
 * form, dates {@code YYYY-MM-DD}), null for SQL NULL.
 *
 * @param columns the column names
 * @param rows the rows, each as long as {@code columns}
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {
    public static final QueryResult EMPTY = new QueryResult(List.of(), List.of());

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The value of {@code column} in row {@code row}. */
    public String value(int row, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }

    /** The first column of every row. */
    public List<String> firstColumn() {
        return rows.stream().map(row -> row.get(0)).toList();
    }
}
