package io.backbeat.functions.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.KpiRefreshInput;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.functions.ledger.DynamoDbLedger;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What happens after a {@code kpi-refresh} execution ended in a way its own Catch did not handle (timed out,
 * aborted, failed outside a Catch): the execution's ledger item becomes FAILED with the status and error (unless the
 * execution recorded its failure itself, which says more), and if the execution still held the refresh lease, the
 * lease is released (conditional on that holder) and, when executions registered as pending meanwhile, one
 * successor is started, as the holder would have.
 *
 * <pre>{@code
 * RefreshMonitor monitor = new RefreshMonitor(dynamoDb, ledgerTable, (name, input) -> startExecution(name, input), clock);
 * monitor.executionEnded(RefreshMonitor.StatusChange.from(event));
 * }</pre>
 */
public final class RefreshMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshMonitor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The statuses the EventBridge rule forwards. */
    public static final Set<String> STATUSES = Set.of("TIMED_OUT", "ABORTED", "FAILED");

    /** Starts an execution of the state machine; returns its ARN. */
    @FunctionalInterface
    public interface ExecutionStarter {
        String start(String name, String input);
    }

    /**
     * The detail of a "Step Functions Execution Status Change" event
     * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html).
     *
     * @param executionArn the execution
     * @param name its name
     * @param status TIMED_OUT, ABORTED or FAILED
     * @param input its input as JSON text (null when the event omits it)
     * @param error its error (null when none)
     * @param cause its cause (null when none)
     */
    public record StatusChange(String executionArn, String name, String status, String input, String error, String cause) {
        public StatusChange {
            Objects.requireNonNull(executionArn, "executionArn must not be null");
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(status, "status must not be null");
        }

        /** From the event as the Lambda runtime hands it over (a JSON object as maps). */
        @SuppressWarnings("unchecked")
        public static StatusChange from(Map<String, Object> event) {
            if (!(event.get("detail") instanceof Map<?, ?> detail)) {
                throw new IllegalArgumentException("not an EventBridge event with a detail object: " + event.keySet()
                        + "; the refresh monitor expects 'Step Functions Execution Status Change' events");
            }
            Map<String, Object> d = (Map<String, Object>) detail;
            return new StatusChange(text(d, "executionArn"), text(d, "name"), text(d, "status"), text(d, "input"),
                    text(d, "error"), text(d, "cause"));
        }

        private static String text(Map<String, Object> detail, String field) {
            Object value = detail.get(field);
            return value == null ? null : value.toString();
        }
    }

    /** What the monitor did, for the log and tests. */
    public record Outcome(String objectId, boolean recorded, boolean released, String successor) {}

    private final DynamoDbClient dynamoDb;
    private final String ledgerTable;
    private final ExecutionStarter starter;
    private final Clock clock;

    public RefreshMonitor(DynamoDbClient dynamoDb, String ledgerTable, ExecutionStarter starter, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb must not be null");
        this.ledgerTable = Objects.requireNonNull(ledgerTable, "ledgerTable must not be null");
        this.starter = Objects.requireNonNull(starter, "starter must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    public Outcome executionEnded(StatusChange change) {
        if (!STATUSES.contains(change.status())) {
            LOG.info("execution status ignored: execution={} status={}", change.executionArn(), change.status());
            return new Outcome(null, false, false, null);
        }
        JsonNode input = parse(change.input());
        String objectId = input.path("objectId").asText(KpiRefreshInput.SUCCESSOR_PREFIX + change.name());
        String refreshId = input.path("refreshId").asText(change.name());
        boolean recorded = record(objectId, refreshId, change);
        AttributeValue pending = release(change.executionArn());
        boolean released = pending != null;
        String successor = null;
        if (released && pending.n() != null) {
            successor = startSuccessor(change.executionArn());
        }
        Outcome outcome = new Outcome(objectId, recorded, released, successor);
        LOG.info("kpi-refresh execution ended outside its Catch: execution={} status={} object={} recorded={} released={}"
                + " successor={}", change.executionArn(), change.status(), objectId, recorded, released, successor);
        return outcome;
    }

    /** FAILED with the status in the error, unless the execution's own Catch already recorded its failure. */
    private boolean record(String objectId, String refreshId, StatusChange change) {
        String error = "execution " + change.status() + (change.error() == null ? "" : ": " + change.error())
                + (change.cause() == null ? "" : ": " + change.cause());
        try {
            dynamoDb.updateItem(r -> r.tableName(ledgerTable)
                    .key(Map.of(LedgerSchema.OBJECT, s(objectId), LedgerSchema.STAGE, s(KpiRefreshInput.LEDGER_STAGE.id())))
                    .updateExpression("SET #status = :failed, #error = :error, #refresh = :refresh, #finished = :now")
                    .conditionExpression("attribute_not_exists(#status) OR #status <> :failed")
                    .expressionAttributeNames(Map.of("#status", LedgerSchema.STATUS, "#error", LedgerSchema.ERROR,
                            "#refresh", LedgerSchema.REFRESH_ID, "#finished", LedgerSchema.FINISHED_AT))
                    .expressionAttributeValues(Map.of(":failed", s(LedgerStatus.FAILED.name()), ":error", s(error),
                            ":refresh", s(refreshId), ":now", s(clock.instant().toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /** Releases the lease if {@code executionArn} holds it: the released pending count (NUL when none registered), or null when it did not hold it. */
    private AttributeValue release(String executionArn) {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(r -> r.tableName(ledgerTable)
                    .key(DynamoDbLedger.leaseKey())
                    .updateExpression("REMOVE #owner, #since, #pending")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", LedgerSchema.OWNER, "#since", LedgerSchema.STARTED_AT,
                            "#pending", LedgerSchema.PENDING))
                    .expressionAttributeValues(Map.of(":me", s(executionArn)))
                    .returnValues(ReturnValue.ALL_OLD));
            return response.attributes().getOrDefault(LedgerSchema.PENDING, AttributeValue.fromNul(true));
        } catch (ConditionalCheckFailedException notHolder) {
            return null;
        }
    }

    private String startSuccessor(String predecessor) {
        String name = UUID.randomUUID().toString();
        String input;
        try {
            input = JSON.writeValueAsString(Map.of("refreshId", name, "dates", java.util.List.of(),
                    "objectId", KpiRefreshInput.SUCCESSOR_PREFIX + name, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID", predecessor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the successor's input", e);
        }
        return starter.start(name, input);
    }

    private static JsonNode parse(String input) {
        if (input == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
