package io.backbeat.functions.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.localcloud.cloud.LocalCloud;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The refresh monitor on DynamoDB Local, fed the "Step Functions Execution Status Change" event as AWS documents it. */
class RefreshMonitorTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:KpiRefreshStateMachine:0b1c2d3e-load";
    private static final String OBJECT = "s3://landing/staged/streams/lab/streams1.csv.zst#v1";

    private final DynamoDbClient dynamoDb = CLOUD.dynamoDbClient();
    private final List<String> started = new ArrayList<>();
    private String ledger;
    private RefreshMonitorHandler handler;

    @BeforeEach
    void ledger() {
        ledger = CLOUD.createLedgerTable("monitor");
        handler = new RefreshMonitorHandler(new RefreshMonitor(dynamoDb, ledger, (name, input) -> {
            started.add(input);
            return "arn:aws:states:us-east-1:123456789012:execution:KpiRefreshStateMachine:" + name;
        }, Clock.fixed(Instant.parse("2024-06-25T19:42:22Z"), ZoneOffset.UTC)));
    }

    @Test
    void aTimedOutHolder_isRecordedFailedReleasesTheLeaseAndStartsOneSuccessorForWhatWasPending() throws Exception {
        putLease(EXECUTION, 3);

        handler.handleRequest(event(), null);

        Map<String, AttributeValue> item = item(OBJECT, Stage.KPI_REFRESH.id());
        assertThat(item.get(LedgerSchema.STATUS).s()).isEqualTo(LedgerStatus.FAILED.name());
        assertThat(item.get(LedgerSchema.ERROR).s()).isEqualTo("execution TIMED_OUT: States.Timeout");
        assertThat(item.get(LedgerSchema.REFRESH_ID).s()).isEqualTo("0b1c2d3e-load");
        assertThat(lease()).doesNotContainKeys(LedgerSchema.OWNER, LedgerSchema.PENDING);
        assertThat(started).singleElement().asString().contains("\"objectId\":\"kpi-refresh:", "\"dates\":[]",
                "\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + EXECUTION + "\"");
    }

    @Test
    void anExecutionThatDoesNotHoldTheLease_leavesItAndStartsNothing() throws Exception {
        putLease("arn:aws:states:us-east-1:123456789012:execution:KpiRefreshStateMachine:other", 1);

        handler.handleRequest(event(), null);

        assertThat(lease().get(LedgerSchema.OWNER).s()).endsWith(":other");
        assertThat(started).isEmpty();
        assertThat(item(OBJECT, Stage.KPI_REFRESH.id()).get(LedgerSchema.STATUS).s()).isEqualTo(LedgerStatus.FAILED.name());
    }

    @Test
    void aFailureTheExecutionRecordedItself_isKept() throws Exception {
        dynamoDb.putItem(r -> r.tableName(ledger).item(Map.of(
                LedgerSchema.OBJECT, AttributeValue.fromS(OBJECT),
                LedgerSchema.STAGE, AttributeValue.fromS(Stage.KPI_REFRESH.id()),
                LedgerSchema.STATUS, AttributeValue.fromS(LedgerStatus.FAILED.name()),
                LedgerSchema.ERROR, AttributeValue.fromS("Redshift.StatementFailed: relation does not exist"))));

        handler.handleRequest(event(), null);

        assertThat(item(OBJECT, Stage.KPI_REFRESH.id()).get(LedgerSchema.ERROR).s())
                .isEqualTo("Redshift.StatementFailed: relation does not exist");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event() throws Exception {
        try (InputStream in = RefreshMonitorTest.class.getResourceAsStream("/io/backbeat/events/stepfunctions/execution-timed-out.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }

    private void putLease(String owner, int pending) {
        dynamoDb.putItem(r -> r.tableName(ledger).item(Map.of(
                LedgerSchema.OBJECT, AttributeValue.fromS(LedgerSchema.LEASE_OBJECT),
                LedgerSchema.STAGE, AttributeValue.fromS(LedgerSchema.LEASE_STAGE),
                LedgerSchema.OWNER, AttributeValue.fromS(owner),
                LedgerSchema.PENDING, AttributeValue.fromN(Integer.toString(pending)))));
    }

    private Map<String, AttributeValue> lease() {
        return item(LedgerSchema.LEASE_OBJECT, LedgerSchema.LEASE_STAGE);
    }

    private Map<String, AttributeValue> item(String object, String stage) {
        return dynamoDb.getItem(r -> r.tableName(ledger).consistentRead(true).key(Map.of(
                LedgerSchema.OBJECT, AttributeValue.fromS(object), LedgerSchema.STAGE, AttributeValue.fromS(stage)))).item();
    }
}
