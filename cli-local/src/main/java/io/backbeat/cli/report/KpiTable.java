package io.backbeat.cli.report;

import io.backbeat.warehouse.KpiSql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one KPI table, as text exactly as the CSV export writes it (shared/KPI-SPEC.md, "Numbers").
 *
 * <pre>{@code
 * KpiTable hourly = KpiTable.of(KpiSql.HOURLY, List.of(List.of("2026-01-02", "14", "3", "5", "4", "0.8", "Daft Punk")));
 * }</pre>
 *
 * @param name    a name from {@link KpiSql#TABLES}
 * @param columns the table's published columns, exactly {@link KpiSql#columns(String)}
 * @param rows    one list of values per row, in column order; a null value is stored as the empty string
 * @throws IllegalArgumentException when the name is not a KPI table, the columns are not its columns or a
 *                                  row has the wrong number of values
 * @throws NullPointerException     when an argument or a row is null
 */
public record KpiTable(String name, List<String> columns, List<List<String>> rows) {
    public KpiTable {
        Objects.requireNonNull(name, "name must not be null");
        if (!KpiSql.TABLES.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + KpiSql.TABLES + ", got " + name);
        }
        columns = List.copyOf(Objects.requireNonNull(columns, "columns must not be null"));
        if (!columns.equals(KpiSql.columns(name))) {
            throw new IllegalArgumentException("columns of " + name + " must be " + KpiSql.columns(name) + ", got "
                    + columns + "; build the table with KpiTable.of(name, rows)");
        }
        Objects.requireNonNull(rows, "rows must not be null");
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = Objects.requireNonNull(rows.get(i), "rows must not hold null, row " + i + " of " + name);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " of " + name + " has " + row.size()
                        + " values, but the table has " + columns.size() + " columns " + columns);
            }
            copy.add(row.stream().map(value -> value == null ? "" : value).toList());
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** A table of {@code name} with its published columns ({@link KpiSql#columns(String)}). */
    public static KpiTable of(String name, List<List<String>> rows) {
        Objects.requireNonNull(name, "name must not be null");
        if (!KpiSql.TABLES.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + KpiSql.TABLES + ", got " + name);
        }
        return new KpiTable(name, KpiSql.columns(name), rows);
    }
}
