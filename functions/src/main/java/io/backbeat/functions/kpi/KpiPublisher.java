package io.backbeat.functions.kpi;

import static io.backbeat.events.ServingSchema.PARTITION_KEY;
import static io.backbeat.events.ServingSchema.SORT_KEY;

import io.backbeat.events.ServingSchema;
import io.backbeat.warehouse.KpiSql;
import io.backbeat.functions.kpi.BatchWriter.Backoff;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.StatementRunner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Copies the refreshed KPI rows to the DynamoDB serving table ({@link ServingSchema}): for each KPI
 * table and refreshed date, the date's items are replaced by the warehouse's rows (items no longer
 * present are deleted), so a dashboard reads a day's KPI with one query.
 *
 * <p>Each call is a network round trip that mostly waits, so up to {@value #CONCURRENCY} run at once
 * (warehouse statements, partition queries, {@code BatchWriteItem}s of 25 through {@link BatchWriter}),
 * which pays off even on the one vCPU of the publish function; the writes of all partitions are packed
 * together into full batches.
 */
public final class KpiPublisher {
    /**
     * Calls in flight at once. Publishing 4,620 items to DynamoDB Local (in the same JVM, 2 cores busy with
     * other work) took 2.6-8.0 s with 1, 1.5-4.7 s with 2, 1.2-3.4 s with 4 and 1.3-3.5 s with 8 (the higher
     * figures are the first runs in a JVM): 4 gets nearly all of it, and stays within the 5 connections the
     * URL-connection HTTP client of the function keeps alive (so no new TLS handshake per call).
     */
    static final int CONCURRENCY = 4;

    private final StatementRunner warehouse;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final BatchWriter writer;
    private final int concurrency;

    public KpiPublisher(StatementRunner warehouse, DynamoDbClient dynamoDb, String table) {
        this(warehouse, dynamoDb, table, dynamoDb::batchWriteItem, Backoff.DEFAULT, CONCURRENCY);
    }

    /** For tests: {@code batchWriteItem} wraps the client's call, to leave items unprocessed as a throttled table does. */
    KpiPublisher(StatementRunner warehouse, DynamoDbClient dynamoDb, String table,
            Function<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem, Backoff backoff, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.warehouse = warehouse;
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.writer = new BatchWriter(batchWriteItem, table, backoff);
        this.concurrency = concurrency;
    }

    /** Publishes the dates of {@code refreshId} in every KPI table; returns the number of items written. */
    public long publish(String refreshId) {
        try (ExecutorService pool = pool()) {
            Future<List<LocalDate>> dates = pool.submit(() -> dates(refreshId));
            List<Future<QueryResult>> selects = new ArrayList<>();
            for (String kpiTable : KpiSql.PUBLISHED) {
                selects.add(pool.submit(() -> warehouse.execute(KpiSql.select(kpiTable), Map.of(KpiSql.REFRESH_ID, refreshId))));
            }
            List<QueryResult> results = BatchWriter.awaitAll(selects);
            Map<String, QueryResult> rows = new LinkedHashMap<>();
            for (int t = 0; t < KpiSql.PUBLISHED.size(); t++) {
                rows.put(KpiSql.PUBLISHED.get(t), results.get(t));
            }
            return publish(refreshId, BatchWriter.awaitAll(List.of(dates)).get(0), rows, pool);
        }
    }

    /**
     * Publishes one KPI table's rows for the dates of a refresh, as {@link KpiSql#select} returned them
     * (the state machine runs that statement and hands over its result).
     */
    public long publish(String refreshId, String kpiTable, QueryResult rows) {
        try (ExecutorService pool = pool()) {
            return publish(refreshId, dates(refreshId), Map.of(kpiTable, rows), pool);
        }
    }

    private List<LocalDate> dates(String refreshId) {
        String sql = "SELECT DISTINCT listen_date FROM kpi_refresh_dates WHERE refresh_id = :" + KpiSql.REFRESH_ID
                + " ORDER BY listen_date";
        return warehouse.execute(sql, Map.of(KpiSql.REFRESH_ID, refreshId)).firstColumn().stream().map(LocalDate::parse).toList();
    }

    private long publish(String refreshId, List<LocalDate> dates, Map<String, QueryResult> tables, ExecutorService pool) {
        Map<String, List<Map<String, AttributeValue>>> byPartition = new LinkedHashMap<>();
        long items = 0;
        for (Map.Entry<String, QueryResult> kpiTable : tables.entrySet()) {
            dates.forEach(date -> byPartition.put(ServingSchema.partitionKey(kpiTable.getKey(), date), new ArrayList<>()));
            QueryResult rows = kpiTable.getValue();
            for (int r = 0; r < rows.rows().size(); r++) {
                Map<String, AttributeValue> item = item(kpiTable.getKey(), rows, r, refreshId);
                byPartition.computeIfAbsent(item.get(PARTITION_KEY).s(), p -> new ArrayList<>()).add(item);
                items++;
            }
        }
        List<Future<List<WriteRequest>>> deletes = new ArrayList<>();
        byPartition.forEach((partition, kept) -> deletes.add(pool.submit(() -> deletesOfOthers(partition, kept))));
        List<WriteRequest> writes = new ArrayList<>();
        BatchWriter.awaitAll(deletes).forEach(writes::addAll);
        byPartition.values().forEach(kept -> kept.forEach(
                item -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())));
        writer.write(writes, pool);
        return items;
    }

    /** Deletes of the partition's items that {@code kept} no longer has. */
    private List<WriteRequest> deletesOfOthers(String partition, List<Map<String, AttributeValue>> kept) {
        Set<String> keep = new HashSet<>();
        kept.forEach(item -> keep.add(item.get(SORT_KEY).s()));
        List<WriteRequest> deletes = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                        .projectionExpression("#pk, #sk"))
                .items()
                .forEach(existing -> {
                    if (!keep.contains(existing.get(SORT_KEY).s())) {
                        deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(existing).build()).build());
                    }
                });
        return deletes;
    }

    private ExecutorService pool() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "kpi-publish-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Map<String, AttributeValue> item(String kpiTable, QueryResult rows, int row, String refreshId) {
        List<String> columns = KpiSql.columns(kpiTable);
        Map<String, AttributeValue> item = new HashMap<>();
        LocalDate date = LocalDate.parse(rows.value(row, "listen_date"));
        item.put(PARTITION_KEY, AttributeValue.fromS(ServingSchema.partitionKey(kpiTable, date)));
        item.put(SORT_KEY, AttributeValue.fromS(sortKey(kpiTable, rows, row)));
        item.put(ServingSchema.REFRESH_ID, AttributeValue.fromS(refreshId));
        for (String column : columns) {
            String value = rows.value(row, column);
            if (value != null) {
                item.put(column, KpiSql.isTextColumn(column) ? AttributeValue.fromS(value) : AttributeValue.fromN(value));
            }
        }
        return item;
    }

    /** Numbers sort as text in the sort key, so hours and ranks are zero-padded. */
    private static String sortKey(String kpiTable, QueryResult rows, int row) {
        return switch (kpiTable) {
            case KpiSql.GENRE_DAILY -> rows.value(row, "genre");
            case KpiSql.HOURLY -> "%02d".formatted(Integer.parseInt(rows.value(row, "listen_hour")));
            case KpiSql.DAILY_ENGAGEMENT, KpiSql.SESSIONS_DAILY -> "day";
            case KpiSql.DEMOGRAPHICS_DAILY -> rows.value(row, "country") + "#" + rows.value(row, "age_band");
            default -> "%02d".formatted(Integer.parseInt(rows.value(row, "rank")));
        };
    }
}
