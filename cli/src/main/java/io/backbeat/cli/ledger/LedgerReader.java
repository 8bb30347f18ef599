package io.backbeat.cli.ledger;

import io.backbeat.events.LedgerSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the ledger table: every item, page by page (the ledger holds one item per object and stage), except the
 * KPI refresh lease ({@link LedgerSchema#LEASE_STAGE}), which records no stage run.
 */
public final class LedgerReader {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public LedgerReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb must not be null");
        this.table = Objects.requireNonNull(table, "table must not be null");
    }

    public List<LedgerItem> all() {
        List<LedgerItem> items = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                .forEach(item -> {
                    AttributeValue stage = item.get(LedgerSchema.STAGE);
                    if (stage == null || !LedgerSchema.LEASE_STAGE.equals(stage.s())) {
                        items.add(LedgerItem.from(item));
                    }
                });
        return items;
    }
}
