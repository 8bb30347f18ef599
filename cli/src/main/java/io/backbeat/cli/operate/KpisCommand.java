package io.backbeat.cli.operate;

import io.backbeat.events.ServingSchema;
import io.backbeat.warehouse.KpiSql;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code backbeat kpis --date D}: a day's KPIs as the serving table holds them (what a dashboard reads). */
@Command(
        name = "kpis",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a day's KPIs from the stack's DynamoDB serving table: every KPI table, or the one --table names,"
                    + " as aligned text or (--csv, with --table) as CSV with a header.",
            "Exit code 0 when the day has KPIs, 1 when it has none, 64 for bad options."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat kpis --date 2024-06-25",
            "  backbeat kpis --date 2024-06-25 --table kpi_top_tracks_daily --local",
            "  backbeat kpis --date 2024-06-25 --table kpi_hourly --csv > hourly.csv"
        })
public final class KpisCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackTarget target;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "the listen date (UTC)")
    LocalDate date;

    @Option(names = "--table", paramLabel = "KPI_TABLE", description = "one of: kpi_genre_daily, kpi_hourly, kpi_daily_engagement,"
            + " kpi_top_tracks_daily, kpi_top_genres_daily (default: all)")
    String table;

    @Option(names = "--csv", description = "CSV instead of aligned text (null as the empty field)")
    boolean csv;

    @Override
    public Integer call() {
        if (csv && table == null) {
            throw new ParameterException(spec.commandLine(), "--csv needs --table: the KPI tables have different columns");
        }
        if (table != null && !KpiSql.PUBLISHED.contains(table)) {
            throw new ParameterException(spec.commandLine(), "--table " + table + " is not a KPI table; use one of " + KpiSql.PUBLISHED);
        }
        List<String> tables = table == null ? KpiSql.PUBLISHED : List.of(table);
        PrintWriter out = spec.commandLine().getOut();
        int found = 0;
        String servingTable;
        try (ConnectedStack stack = target.connect()) {
            servingTable = stack.servingTable();
            for (String kpiTable : tables) {
                List<Map<String, AttributeValue>> items = new ArrayList<>();
                stack.dynamoDb().queryPaginator(r -> r.tableName(stack.servingTable())
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(Map.of("#pk", ServingSchema.PARTITION_KEY))
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ServingSchema.partitionKey(kpiTable, date)))))
                        .items().forEach(items::add);
                found += items.size();
                print(out, kpiTable, items);
            }
        }
        if (found == 0) {
            spec.commandLine().getErr().printf("No KPIs for %s in %s: no plays of that day were loaded, or its refresh has not"
                    + " run or failed ('backbeat status' shows the refreshes).%n", date, servingTable);
            return 1;
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String kpiTable, List<Map<String, AttributeValue>> items) {
        List<String> columns = csv ? KpiSql.columns(kpiTable)
                : KpiSql.columns(kpiTable).stream().filter(column -> !column.equals("listen_date")).toList();
        List<List<String>> rows = items.stream().map(item -> columns.stream().map(column -> text(item.get(column))).toList()).toList();
        if (csv) {
            CsvText.print(out, columns, rows);
            return;
        }
        out.printf("%s, %s (%d row%s)%n", kpiTable, date, rows.size(), rows.size() == 1 ? "" : "s");
        if (!rows.isEmpty()) {
            AlignedTable.print(out, columns, rows);
        }
        out.println();
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString();
    }
}
