package io.backbeat.functions.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.ServingSchema;
import io.backbeat.warehouse.KpiSql;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import io.backbeat.functions.kpi.BatchWriter.Backoff;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.functions.warehouse.WarehouseSetup;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The publisher on DynamoDB Local and the local Redshift: a 30-day refresh's KPI rows (the 4,620 items of
 * the warehouse benchmark: 114 genres, 24 hours, 1 engagement row, top 10 tracks, top 5 genres a day) are
 * written into the KPI tables, then published, and the serving table must hold exactly those rows.
 */
class KpiPublisherTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final LocalRedshift REDSHIFT = LocalRedshift.shared();
    private static final String LOAD_ROLE = "backbeat-local-load";
    private static final String REFRESH_ROLE = "backbeat-local-refresh";
    private static final LocalDate FIRST = LocalDate.of(2024, 6, 1);
    private static final int DAYS = 30;
    private static final int ITEMS_A_DAY = 114 + 24 + 1 + 10 + 5;
    /** Refreshed but without plays: its old items must go. */
    private static final LocalDate EMPTY_DAY = FIRST.plusDays(DAYS);
    private static final String REFRESH = "refresh-30";

    private static final WarehouseTarget TARGET = WarehouseTarget.serverless(REDSHIFT.database(), REDSHIFT.workgroup());
    private static final StatementRunner WAREHOUSE = new RedshiftDataStatementRunner(REDSHIFT.clientAs(REFRESH_ROLE), TARGET);

    private final DynamoDbClient dynamoDb = CLOUD.dynamoDbClient();
    private String serving;

    @BeforeAll
    static void kpiRowsOf30Days() {
        sql("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public", "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC");
        new WarehouseSetup(new RedshiftDataStatementRunner(REDSHIFT.client(), TARGET)).apply(LOAD_ROLE, REFRESH_ROLE);
        String days = "(SELECT day::date AS d FROM generate_series(DATE '" + FIRST + "', DATE '" + FIRST.plusDays(DAYS - 1)
                + "', INTERVAL '1 day') AS day)";
        String stamp = "'" + REFRESH + "', TIMESTAMP '2024-07-01 00:00:00'";
        sql("INSERT INTO kpi_genre_daily SELECT d, 'genre ' || g, 1000 + g, 100 + g, 180000.5 + g,"
                        + " CASE WHEN g % 7 = 0 THEN NULL ELSE 41.25 + g END, 0.001 * g, 123456789::bigint * g, 1234.5 / g,"
                        + " CASE WHEN g % 9 = 0 THEN NULL ELSE lpad(g::text, 22, 'x') END, 'Track ''' || g || ''' – é', " + stamp
                        + " FROM " + days + " AS days, generate_series(1, 114) AS g",
                "INSERT INTO kpi_hourly SELECT d, h, 10 + h, 100 + h, 50 + h, (50.0 + h) / (100 + h), 'Artist ' || h, " + stamp
                        + " FROM " + days + " AS days, generate_series(0, 23) AS h",
                "INSERT INTO kpi_daily_engagement SELECT d, 500, 6000, 9876543210, 12.0, 19753086.42, 3, " + stamp + " FROM " + days + " AS days",
                "INSERT INTO kpi_top_tracks_daily SELECT d, r, lpad(r::text, 22, 't'), 'Song ' || r, 'A;B', 100 - r, " + stamp
                        + " FROM " + days + " AS days, generate_series(1, 10) AS r",
                "INSERT INTO kpi_top_genres_daily SELECT d, r, 'genre ' || r, 500 - r, " + stamp
                        + " FROM " + days + " AS days, generate_series(1, 5) AS r",
                "INSERT INTO kpi_refresh_dates SELECT '" + REFRESH + "', d FROM " + days + " AS days",
                "INSERT INTO kpi_refresh_dates VALUES ('" + REFRESH + "', DATE '" + EMPTY_DAY + "')");
    }

    @BeforeEach
    void servingTable() {
        serving = CLOUD.createServingTable("serving");
    }

    @Test
    void publish_thirtyDays_servesExactlyTheWarehouseRowsDeletesWhatTheyNoLongerHaveAndLeavesOtherDates() {
        LocalDate untouchedDay = FIRST.minusDays(1);
        put(ServingSchema.partitionKey(KpiSql.GENRE_DAILY, FIRST), "genre gone");           // no longer a genre of that day
        put(ServingSchema.partitionKey(KpiSql.TOP_TRACKS_DAILY, EMPTY_DAY), "01");          // that day has no rows now
        put(ServingSchema.partitionKey(KpiSql.HOURLY, untouchedDay), "07");                 // not a date of the refresh

        long items = publisher(dynamoDb::batchWriteItem, Backoff.DEFAULT).publish(REFRESH);

        assertThat(items).isEqualTo((long) DAYS * ITEMS_A_DAY).isEqualTo(4_620);
        Map<String, Map<String, String>> expected = expectedItems(KpiSql.PUBLISHED);
        expected.put(ServingSchema.partitionKey(KpiSql.HOURLY, untouchedDay) + "|07", Map.of(
                ServingSchema.PARTITION_KEY, ServingSchema.partitionKey(KpiSql.HOURLY, untouchedDay), ServingSchema.SORT_KEY, "07",
                ServingSchema.REFRESH_ID, "S:older"));
        assertThat(served()).isEqualTo(expected);
    }

    @Test
    void publish_oneTableAsTheStateMachineHandsItOver_writesThatTableOnly() {
        QueryResult rows = WAREHOUSE.execute(KpiSql.select(KpiSql.HOURLY), Map.of(KpiSql.REFRESH_ID, REFRESH));

        long items = publisher(dynamoDb::batchWriteItem, Backoff.DEFAULT).publish(REFRESH, KpiSql.HOURLY, rows);

        assertThat(items).isEqualTo(DAYS * 24L);
        assertThat(served()).isEqualTo(expectedItems(List.of(KpiSql.HOURLY)));
    }

    @Test
    void publish_unprocessedItemsInjected_areSentAgainUntilEveryItemIsWritten() {
        // DynamoDB Local never throttles; this wrapper holds back the last 10 requests of every first call of a batch
        // and returns them as UnprocessedItems, as a throttled table does.
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger heldBack = new AtomicInteger();
        Function<BatchWriteItemRequest, BatchWriteItemResponse> throttled = request -> {
            calls.incrementAndGet();
            List<WriteRequest> writes = request.requestItems().get(serving);
            if (writes.size() <= 10) {
                return dynamoDb.batchWriteItem(request);
            }
            heldBack.addAndGet(10);
            List<WriteRequest> sent = writes.subList(0, writes.size() - 10);
            dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(serving, sent)));
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of(serving, writes.subList(writes.size() - 10, writes.size()))).build();
        };

        long items = publisher(throttled, new Backoff(Duration.ofMillis(1), Duration.ofMillis(10), 3)).publish(REFRESH);

        assertThat(items).isEqualTo(4_620);
        int batches = (4_620 + 24) / 25; // 184 of 25 and one of 20, each sent twice
        assertThat(heldBack.get()).isEqualTo(batches * 10);
        assertThat(calls.get()).isEqualTo(2 * batches);
        assertThat(served()).isEqualTo(expectedItems(KpiSql.PUBLISHED));
    }

    @Test
    void publish_unprocessedItemsInjectedOnEveryAttempt_failsNamingTheTableTheCountAndTheFix() {
        Function<BatchWriteItemRequest, BatchWriteItemResponse> alwaysThrottled = request ->
                BatchWriteItemResponse.builder().unprocessedItems(request.requestItems()).build();
        QueryResult rows = WAREHOUSE.execute(KpiSql.select(KpiSql.DAILY_ENGAGEMENT), Map.of(KpiSql.REFRESH_ID, REFRESH));

        assertThatThrownBy(() -> publisher(alwaysThrottled, new Backoff(Duration.ofMillis(1), Duration.ofMillis(4), 3))
                        .publish(REFRESH, KpiSql.DAILY_ENGAGEMENT, rows))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("25 of 25 KPI items still unprocessed by BatchWriteItem on table " + serving + " after 3 attempts"
                        + " (first: pk=kpi_daily_engagement#2024-06-01, sk=day); the table is throttled: raise its write capacity,"
                        + " or publish the refresh again (publishing replaces a day's items, so it can be repeated)");
    }

    @Test
    void publish_twoRowsWithTheSameKey_failsBeforeWritingAnything() {
        List<String> row = List.of("2024-06-01", "3", "1", "1", "1", "1.0", "Artist");
        QueryResult duplicated = new QueryResult(KpiSql.HOURLY_COLUMNS, List.of(row, row));

        assertThatThrownBy(() -> publisher(dynamoDb::batchWriteItem, Backoff.DEFAULT).publish(REFRESH, KpiSql.HOURLY, duplicated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two writes of the same item (pk=kpi_hourly#2024-06-01, sk=03) for table " + serving
                        + "; the KPI rows of a day must have distinct keys: check the warehouse's KPI table for duplicate rows");
        assertThat(served()).isEmpty();
    }

    private KpiPublisher publisher(Function<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem, Backoff backoff) {
        return new KpiPublisher(WAREHOUSE, dynamoDb, serving, batchWriteItem, backoff, KpiPublisher.CONCURRENCY);
    }

    private void put(String partition, String sortKey) {
        dynamoDb.putItem(r -> r.tableName(serving).item(Map.of(ServingSchema.PARTITION_KEY, AttributeValue.fromS(partition),
                ServingSchema.SORT_KEY, AttributeValue.fromS(sortKey), ServingSchema.REFRESH_ID, AttributeValue.fromS("older"))));
    }

    /**
     * The items the serving format (ServingSchema, read by {@code backbeat kpis}) makes of the warehouse's rows, keyed
     * {@code pk|sk}: every non-null column, text as S, numbers as N; values written {@code S:text} or {@code N:number}.
     */
    private static Map<String, Map<String, String>> expectedItems(List<String> kpiTables) {
        Map<String, Map<String, String>> items = new HashMap<>();
        for (String kpiTable : kpiTables) {
            QueryResult rows = WAREHOUSE.execute(KpiSql.select(kpiTable), Map.of(KpiSql.REFRESH_ID, REFRESH));
            List<String> columns = KpiSql.columns(kpiTable);
            for (int r = 0; r < rows.rows().size(); r++) {
                String partition = ServingSchema.partitionKey(kpiTable, LocalDate.parse(rows.value(r, "listen_date")));
                String sortKey = switch (kpiTable) {
                    case KpiSql.GENRE_DAILY -> rows.value(r, "genre");
                    case KpiSql.HOURLY -> "%02d".formatted(Integer.parseInt(rows.value(r, "listen_hour")));
                    case KpiSql.DAILY_ENGAGEMENT, KpiSql.SESSIONS_DAILY -> "day";
                    case KpiSql.DEMOGRAPHICS_DAILY -> rows.value(r, "country") + "#" + rows.value(r, "age_band");
                    default -> "%02d".formatted(Integer.parseInt(rows.value(r, "rank")));
                };
                Map<String, String> item = new HashMap<>();
                item.put(ServingSchema.PARTITION_KEY, partition);
                item.put(ServingSchema.SORT_KEY, sortKey);
                item.put(ServingSchema.REFRESH_ID, "S:" + REFRESH);
                for (String column : columns) {
                    String value = rows.value(r, column);
                    if (value != null) {
                        item.put(column, KpiSql.isTextColumn(column) ? "S:" + value : "N:" + number(value));
                    }
                }
                items.put(partition + "|" + sortKey, item);
            }
        }
        return items;
    }

    /** Every item of the serving table, in the form of {@link #expectedItems}. */
    private Map<String, Map<String, String>> served() {
        Map<String, Map<String, String>> items = new HashMap<>();
        dynamoDb.scanPaginator(r -> r.tableName(serving).consistentRead(true)).items().forEach(item -> {
            Map<String, String> values = new HashMap<>();
            item.forEach((name, value) -> values.put(name, name.equals(ServingSchema.PARTITION_KEY) || name.equals(ServingSchema.SORT_KEY)
                    ? value.s() : value.s() != null ? "S:" + value.s() : "N:" + number(value.n())));
            items.put(item.get(ServingSchema.PARTITION_KEY).s() + "|" + item.get(ServingSchema.SORT_KEY).s(), values);
        });
        return items;
    }

    /** DynamoDB keeps a number's value, not its spelling ("12.0" reads back as "12"). */
    private static String number(String text) {
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static void sql(String... statements) {
        try (Connection connection = REDSHIFT.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }
}
