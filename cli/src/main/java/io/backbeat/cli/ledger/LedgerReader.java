package io.backbeat.cli.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reads the ledger table: every item, page by page (the ledger holds one item per object and stage). */
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
                .forEach(item -> items.add(LedgerItem.from(item)));
        return items;
    }
}
