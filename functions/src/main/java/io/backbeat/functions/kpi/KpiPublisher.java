package io.backbeat.functions.kpi;

import static io.backbeat.events.ServingSchema.PARTITION_KEY;
import static io.backbeat.events.ServingSchema.SORT_KEY;

import io.backbeat.events.ServingSchema;
import io.backbeat.events.warehouse.KpiSql;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.StatementRunner;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Copies the refreshed KPI rows to the DynamoDB serving table ({@link ServingSchema}): for each KPI
 * table and refreshed date, the date's items are replaced by the warehouse's rows (items no longer
 * present are deleted), so a dashboard reads a day's KPI with one query.
 */
public final class KpiPublisher {
    private static final int BATCH_SIZE = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final StatementRunner warehouse;
    private final DynamoDbClient dynamoDb;
    private final String table;

    public KpiPublisher(StatementRunner warehouse, DynamoDbClient dynamoDb, String table) {
        this.warehouse = warehouse;
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Publishes the dates of {@code refreshId}; returns the number of items written. */
    public long publish(String refreshId) {
        long written = 0;
        for (String kpiTable : KpiSql.TABLES) {
            written += publish(refreshId, kpiTable, warehouse.execute(KpiSql.select(kpiTable), Map.of(KpiSql.REFRESH_ID, refreshId)));
        }
        return written;
    }

    /**
     * Publishes one KPI table's rows for the dates of a refresh, as {@link KpiSql#select} returned them
     * (the state machine runs that statement and hands over its result).
     */
    public long publish(String refreshId, String kpiTable, QueryResult rows) {
        List<LocalDate> dates = warehouse.execute(
                        "SELECT DISTINCT listen_date FROM kpi_refresh_dates WHERE refresh_id = :" + KpiSql.REFRESH_ID,
                        Map.of(KpiSql.REFRESH_ID, refreshId))
                .firstColumn().stream().map(LocalDate::parse).toList();
        Map<LocalDate, List<Map<String, AttributeValue>>> byDate = new LinkedHashMap<>();
        dates.forEach(date -> byDate.put(date, new ArrayList<>()));
        for (int r = 0; r < rows.rows().size(); r++) {
            LocalDate date = LocalDate.parse(rows.value(r, "listen_date"));
            byDate.computeIfAbsent(date, d -> new ArrayList<>()).add(item(kpiTable, rows, r, refreshId));
        }
        long written = 0;
        for (Map.Entry<LocalDate, List<Map<String, AttributeValue>>> day : byDate.entrySet()) {
            written += replace(ServingSchema.partitionKey(kpiTable, day.getKey()), day.getValue());
        }
        return written;
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
            case KpiSql.DAILY_ENGAGEMENT -> "day";
            default -> "%02d".formatted(Integer.parseInt(rows.value(row, "rank")));
        };
    }


    private long replace(String partition, List<Map<String, AttributeValue>> items) {
        Set<String> keep = new HashSet<>();
        items.forEach(item -> keep.add(item.get(SORT_KEY).s()));
        List<WriteRequest> writes = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                        .projectionExpression("#pk, #sk"))
                .items()
                .forEach(existing -> {
                    if (!keep.contains(existing.get(SORT_KEY).s())) {
                        writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(existing).build()).build());
                    }
                });
        items.forEach(item -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()));
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            write(writes.subList(from, Math.min(writes.size(), from + BATCH_SIZE)));
        }
        return items.size();
    }

    /** BatchWriteItem may leave items unprocessed under throttling; retry those with backoff. */
    private void write(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " KPI items still unprocessed after " + MAX_ATTEMPTS
                        + " attempts on table " + table + "; the table is throttled");
            }
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, request)));
            pending = response.unprocessedItems().getOrDefault(table, List.of());
            if (!pending.isEmpty()) {
                sleep(Duration.ofMillis(50L << Math.min(attempt, 6)));
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing KPIs", e);
        }
    }
}
