package io.backbeat.functions.ledger;

import static io.backbeat.events.LedgerSchema.AFFECTED_DATES;
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
import static io.backbeat.events.LedgerSchema.LEASE_OBJECT;
import static io.backbeat.events.LedgerSchema.LEASE_STAGE;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * if (ledger.takeLease(object, Stage.VALIDATE, Dataset.STREAMS, now, lease) instanceof StageLease.Acquired lease) {
 *     ...
 *     ledger.complete(lease, LedgerStatus.SUCCEEDED, result, clock.instant());
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
    public StageLease takeLease(ObjectRef object, Stage stage, Dataset dataset, Instant now, Duration lease) {
        String owner = UUID.randomUUID().toString();
        AttributeNames names = new AttributeNames();
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
                            .updateExpression(names.expression("SET #status = :inProgress, #lease_owner = :owner, "
                                    + "#lease_expires_at = :until, #started_at = :started, #bucket = :bucket, #key = :key, "
                                    + "#dataset = :dataset ADD #attempts :one REMOVE #error, #finished_at"))
                            .conditionExpression(names.expression("attribute_not_exists(#object_id) OR #status = :failed OR "
                                    + "(#status = :inProgress AND #lease_expires_at < :now)"))
                            .expressionAttributeNames(names.used())
                            .expressionAttributeValues(values)
                            .returnValues("ALL_NEW")
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new StageLease.Acquired(object, stage.id(), owner, now, Long.parseLong(item.get(ATTEMPTS).n()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = e.hasItem() ? e.item() : read(object, stage);
            LedgerStatus status = LedgerStatus.valueOf(current.get(STATUS).s());
            if (status == LedgerStatus.IN_PROGRESS) {
                return new StageLease.Busy(Instant.ofEpochMilli(Long.parseLong(current.get(LEASE_EXPIRES_AT).n())));
            }
            return new StageLease.AlreadyDone(status);
        }
    }

    @Override
    public boolean complete(StageLease.Acquired lease, LedgerStatus status, StageResult result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.name()));
        values.put(":inProgress", s(LedgerStatus.IN_PROGRESS.name()));
        values.put(":owner", s(lease.owner()));
        values.put(":finished", s(now.toString()));
        values.put(":duration", n(Duration.between(lease.startedAt(), now).toMillis()));
        StringBuilder set = new StringBuilder("SET #status = :status, #finished_at = :finished, #duration_ms = :duration");
        if (result != null) {
            values.put(":rowsIn", n(result.rowsIn()));
            values.put(":rowsValid", n(result.rowsValid()));
            values.put(":rowsRejected", n(result.rowsRejected()));
            values.put(":bytesIn", n(result.bytesIn()));
            values.put(":bytesOut", n(result.bytesOut()));
            values.put(":reasons", AttributeValue.fromM(result.rejectsByReason().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().code(), e -> n(e.getValue())))));
            values.put(":outputs", AttributeValue.fromL(result.outputs().stream().map(DynamoDbLedger::s).toList()));
            set.append(", #rows_in = :rowsIn, #rows_valid = :rowsValid, #rows_rejected = :rowsRejected, #bytes_in = :bytesIn,"
                    + " #bytes_out = :bytesOut, #rejects_by_reason = :reasons, #outputs = :outputs");
            if (!result.affectedDates().isEmpty()) {
                values.put(":dates", AttributeValue.fromL(result.affectedDates().stream().map(DynamoDbLedger::s).toList()));
                set.append(", #affected_dates = :dates");
            }
            if (result.fileRejection() != null) {
                values.put(":fileRejection", s(result.fileRejection().code().code() + ": " + result.fileRejection().message()));
                set.append(", #file_rejection = :fileRejection");
            }
        }
        return conditionalUpdate(lease, set + " REMOVE #lease_expires_at", values);
    }

    @Override
    public void fail(StageLease.Acquired lease, String error, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(LedgerStatus.FAILED.name()));
        values.put(":inProgress", s(LedgerStatus.IN_PROGRESS.name()));
        values.put(":owner", s(lease.owner()));
        values.put(":finished", s(now.toString()));
        values.put(":error", s(error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) + "…" : error));
        conditionalUpdate(lease, "SET #status = :status, #finished_at = :finished, #error = :error REMOVE #lease_expires_at",
                values);
    }

    private boolean conditionalUpdate(StageLease.Acquired lease, String update, Map<String, AttributeValue> values) {
        AttributeNames names = new AttributeNames();
        String updateExpression = names.expression(update);
        String condition = names.expression("#lease_owner = :owner AND #status = :inProgress");
        try {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(Map.of(OBJECT, s(lease.object().id()), STAGE, s(lease.stage())))
                    .updateExpression(updateExpression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names.used())
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<LedgerItem> find(ObjectRef object, Stage stage) {
        Map<String, AttributeValue> item = read(object, stage);
        return item.isEmpty() ? Optional.empty() : Optional.of(LedgerItem.from(item));
    }

    /**
     * Every item of the table, page by page (one per object and stage), except the KPI refresh lease
     * ({@link io.backbeat.events.LedgerSchema#LEASE_STAGE}), which records no stage run.
     */
    public List<LedgerItem> all() {
        List<LedgerItem> items = new ArrayList<>();
        dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
            AttributeValue stage = item.get(STAGE);
            if (stage == null || !LEASE_STAGE.equals(stage.s())) {
                items.add(LedgerItem.from(item));
            }
        });
        return items;
    }

    /** The key of the KPI refresh lease item, which the state machine holds and loads mark themselves on. */
    public static Map<String, AttributeValue> leaseKey() {
        return Map.of(OBJECT, s(LEASE_OBJECT), STAGE, s(LEASE_STAGE));
    }

    /**
     * Expression attribute names for every attribute: many of ours ({@code bucket}, {@code key},
     * {@code status}) are DynamoDB reserved words, and a name per attribute needs no list of them.
     * {@code #name} placeholders in an expression must be attribute names of {@link io.backbeat.events.LedgerSchema}.
     */
    private static final class AttributeNames {
        private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("#([a-z_]+)");
        private static final java.util.Set<String> KNOWN = java.util.Set.of(OBJECT, STAGE, STATUS, BUCKET, KEY, DATASET, OWNER,
                LEASE_EXPIRES_AT, ATTEMPTS, STARTED_AT, FINISHED_AT, DURATION_MS, ROWS_IN, ROWS_VALID, ROWS_REJECTED,
                REJECTS_BY_REASON, BYTES_IN, BYTES_OUT, OUTPUTS, FILE_REJECTION, ERROR, AFFECTED_DATES);
        private final Map<String, String> used = new HashMap<>();

        String expression(String text) {
            var matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!KNOWN.contains(name)) {
                    throw new IllegalArgumentException("#" + name + " is not a ledger attribute");
                }
                used.put("#" + name, name);
            }
            return text;
        }

        Map<String, String> used() {
            return Map.copyOf(used);
        }
    }

    private Map<String, AttributeValue> read(ObjectRef object, Stage stage) {
        return dynamoDb.getItem(r -> r.tableName(table).key(key(object, stage)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(ObjectRef object, Stage stage) {
        return Map.of(OBJECT, s(object.id()), STAGE, s(stage.id()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
