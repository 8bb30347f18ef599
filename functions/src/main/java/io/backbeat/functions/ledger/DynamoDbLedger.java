package io.backbeat.functions.ledger;

import static io.backbeat.events.LedgerSchema.ATTEMPTS;
import static io.backbeat.events.LedgerSchema.BUCKET;
import static io.backbeat.events.LedgerSchema.BYTES_IN;
import static io.backbeat.events.LedgerSchema.BYTES_OUT;
import static io.backbeat.events.LedgerSchema.DATASET;
import static io.backbeat.events.LedgerSchema.DURATION_MS;
import static io.backbeat.events.LedgerSchema.ERROR;
import static io.backbeat.events.LedgerSchema.FILE_REJECTION;
import static io.backbeat.events.LedgerSchema.FINISHED_AT;
import static io.backbeat.events.LedgerSchema.KEY;
import static io.backbeat.events.LedgerSchema.LEASE_EXPIRES_AT;
import static io.backbeat.events.LedgerSchema.OBJECT;
import static io.backbeat.events.LedgerSchema.OUTPUTS;
import static io.backbeat.events.LedgerSchema.OWNER;
import static io.backbeat.events.LedgerSchema.REJECTS_BY_REASON;
import static io.backbeat.events.LedgerSchema.ROWS_IN;
import static io.backbeat.events.LedgerSchema.ROWS_REJECTED;
import static io.backbeat.events.LedgerSchema.ROWS_VALID;
import static io.backbeat.events.LedgerSchema.STAGE;
import static io.backbeat.events.LedgerSchema.STARTED_AT;
import static io.backbeat.events.LedgerSchema.STATUS;

import io.backbeat.events.Dataset;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.functions.stage.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The ledger in DynamoDB: one item per (object version, stage), leases taken and released with
 * conditional writes, so two concurrent deliveries of one event cannot both run.
 *
 * <pre>{@code
 * Ledger ledger = new DynamoDbLedger(dynamoDb, "backbeat-ledger");
 * if (ledger.claim(object, Stage.VALIDATE, Dataset.STREAMS, now, lease) instanceof Claim.Acquired claim) {
 *     ...
 *     ledger.complete(claim, LedgerStatus.SUCCEEDED, result, clock.instant());
 * }
 * }</pre>
 */
public final class DynamoDbLedger implements Ledger {
    private static final int MAX_ERROR_CHARS = 2000;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb must not be null");
        this.table = Objects.requireNonNull(table, "table must not be null");
    }

    @Override
    public Claim claim(ObjectRef object, Stage stage, Dataset dataset, Instant now, Duration lease) {
        String owner = UUID.randomUUID().toString();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":inProgress", s(LedgerStatus.IN_PROGRESS.name()));
        values.put(":failed", s(LedgerStatus.FAILED.name()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":until", n(now.plus(lease).toEpochMilli()));
        values.put(":owner", s(owner));
        values.put(":one", n(1));
        values.put(":bucket", s(object.bucket()));
        values.put(":key", s(object.key()));
        values.put(":dataset", s(dataset.id()));
        values.put(":started", s(now.toString()));
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(table)
                            .key(key(object, stage))
                            .updateExpression("SET #status = :inProgress, " + OWNER + " = :owner, " + LEASE_EXPIRES_AT
                                    + " = :until, " + STARTED_AT + " = :started, " + BUCKET + " = :bucket, #key = :key, "
                                    + DATASET + " = :dataset ADD " + ATTEMPTS + " :one REMOVE " + ERROR + ", "
                                    + FINISHED_AT)
                            .conditionExpression("attribute_not_exists(" + OBJECT + ") OR #status = :failed OR (#status = "
                                    + ":inProgress AND " + LEASE_EXPIRES_AT + " < :now)")
                            .expressionAttributeNames(Map.of("#status", STATUS, "#key", KEY))
                            .expressionAttributeValues(values)
                            .returnValues("ALL_NEW")
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new Claim.Acquired(object, stage.id(), owner, now, Long.parseLong(item.get(ATTEMPTS).n()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = e.hasItem() ? e.item() : read(object, stage);
            LedgerStatus status = LedgerStatus.valueOf(current.get(STATUS).s());
            if (status == LedgerStatus.IN_PROGRESS) {
                return new Claim.Busy(Instant.ofEpochMilli(Long.parseLong(current.get(LEASE_EXPIRES_AT).n())));
            }
            return new Claim.AlreadyDone(status);
        }
    }

    @Override
    public boolean complete(Claim.Acquired claim, LedgerStatus status, StageResult result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.name()));
        values.put(":inProgress", s(LedgerStatus.IN_PROGRESS.name()));
        values.put(":owner", s(claim.owner()));
        values.put(":finished", s(now.toString()));
        values.put(":duration", n(Duration.between(claim.startedAt(), now).toMillis()));
        StringBuilder set = new StringBuilder("SET #status = :status, " + FINISHED_AT + " = :finished, " + DURATION_MS
                + " = :duration");
        if (result != null) {
            values.put(":rowsIn", n(result.rowsIn()));
            values.put(":rowsValid", n(result.rowsValid()));
            values.put(":rowsRejected", n(result.rowsRejected()));
            values.put(":bytesIn", n(result.bytesIn()));
            values.put(":bytesOut", n(result.bytesOut()));
            values.put(":reasons", AttributeValue.fromM(result.rejectsByReason().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().code(), e -> n(e.getValue())))));
            values.put(":outputs", AttributeValue.fromL(result.outputs().stream().map(DynamoDbLedger::s).toList()));
            set.append(", " + ROWS_IN + " = :rowsIn, " + ROWS_VALID + " = :rowsValid, " + ROWS_REJECTED + " = :rowsRejected, "
                    + BYTES_IN + " = :bytesIn, " + BYTES_OUT + " = :bytesOut, " + REJECTS_BY_REASON + " = :reasons, "
                    + OUTPUTS + " = :outputs");
            if (result.fileRejection() != null) {
                values.put(":fileRejection", s(result.fileRejection().code().code() + ": " + result.fileRejection().message()));
                set.append(", " + FILE_REJECTION + " = :fileRejection");
            }
        }
        return conditionalUpdate(claim, set + " REMOVE " + LEASE_EXPIRES_AT, values);
    }

    @Override
    public void fail(Claim.Acquired claim, String error, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(LedgerStatus.FAILED.name()));
        values.put(":inProgress", s(LedgerStatus.IN_PROGRESS.name()));
        values.put(":owner", s(claim.owner()));
        values.put(":finished", s(now.toString()));
        values.put(":error", s(error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) + "…" : error));
        conditionalUpdate(claim, "SET #status = :status, " + FINISHED_AT + " = :finished, " + ERROR + " = :error REMOVE "
                + LEASE_EXPIRES_AT, values);
    }

    private boolean conditionalUpdate(Claim.Acquired claim, String update, Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(Map.of(OBJECT, s(claim.object().id()), STAGE, s(claim.stage())))
                    .updateExpression(update)
                    .conditionExpression(OWNER + " = :owner AND #status = :inProgress")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<LedgerEntry> find(ObjectRef object, Stage stage) {
        Map<String, AttributeValue> item = read(object, stage);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> reasons = new TreeMap<>();
        if (item.containsKey(REJECTS_BY_REASON)) {
            item.get(REJECTS_BY_REASON).m().forEach((reason, count) -> reasons.put(reason, Long.parseLong(count.n())));
        }
        List<String> outputs = item.containsKey(OUTPUTS)
                ? item.get(OUTPUTS).l().stream().map(AttributeValue::s).toList()
                : List.of();
        return Optional.of(new LedgerEntry(item.get(OBJECT).s(), item.get(STAGE).s(),
                LedgerStatus.valueOf(item.get(STATUS).s()), number(item, ATTEMPTS), number(item, ROWS_IN),
                number(item, ROWS_VALID), number(item, ROWS_REJECTED), reasons, outputs, text(item, FILE_REJECTION),
                text(item, ERROR)));
    }

    private Map<String, AttributeValue> read(ObjectRef object, Stage stage) {
        return dynamoDb.getItem(r -> r.tableName(table).key(key(object, stage)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(ObjectRef object, Stage stage) {
        return Map.of(OBJECT, s(object.id()), STAGE, s(stage.id()));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
