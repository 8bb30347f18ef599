package io.backbeat.cli.local;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.backbeat.cli.report.KpiTable;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.warehouse.KpiSql;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KPI tables as the warehouse holds them, read through the Data API, and their CSV export: one
 * file per table, a header, null as the empty field, numbers written in full (KPI-SPEC "Numbers").
 */
final class KpiExport {
    private KpiExport() {}

    static List<KpiTable> read(StatementRunner warehouse) {
        List<KpiTable> tables = new ArrayList<>();
        for (String table : KpiSql.TABLES) {
            QueryResult result = warehouse.execute(KpiSql.selectAll(table), Map.of());
            List<String> columns = KpiSql.columns(table);
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : result.rows()) {
                List<String> values = new ArrayList<>(row.size());
                for (int c = 0; c < row.size(); c++) {
                    values.add(KpiSql.isTextColumn(columns.get(c)) ? orEmpty(row.get(c)) : plainNumber(row.get(c)));
                }
                rows.add(values);
            }
            tables.add(KpiTable.of(table, rows));
        }
        return tables;
    }

    /** Writes {@code <table>.csv} for each table into {@code directory}; returns the files. */
    static List<Path> writeCsv(List<KpiTable> tables, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        for (KpiTable table : tables) {
            Path file = directory.resolve(table.name() + ".csv");
            try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file)) {
                csv.writeRecord(table.columns());
                table.rows().forEach(csv::writeRecord);
            }
            files.add(file);
        }
        return files;
    }

    /** A number as the Data API gave it ({@code 1.5E7} included), in full decimal notation; null as empty. */
    static String plainNumber(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.indexOf('E') < 0 && value.indexOf('e') < 0) {
            return value;
        }
        return new BigDecimal(value).stripTrailingZeros().toPlainString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
