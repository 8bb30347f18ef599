package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * refresh.asl.json, shaped like the KPI refresh state machine, run against the local cloud: Redshift
 * Data API polling loops, a Parallel state, a Lambda function in this JVM, a DynamoDB ledger update,
 * and Retry/Catch into a recorded failure.
 */
class RefreshDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final LocalCloud cloud = LocalCloud.shared();
    private final LocalRedshift redshift = LocalRedshift.shared();
    private final AtomicInteger publishCalls = new AtomicInteger();
    private String table;
    private String ledger;
    private String definition;

    @BeforeEach
    void createTables() throws SQLException {
        table = "sfn_plays_" + TABLES.incrementAndGet();
        try (Connection connection = redshift.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (refresh_id varchar(64), plays int)");
        }
        ledger = cloud.createLedgerTable("sfn-ledger");
        definition = Definitions.load("refresh.asl.json", Map.of("Workgroup", redshift.workgroup(),
                "Database", redshift.database(), "Table", table, "Ledger", ledger));
    }

    /** The publish function: reads both statements' results with the SDK, as the real one would. */
    private String publish(String payloadJson) throws Exception {
        publishCalls.incrementAndGet();
        JsonNode payload = JSON.readTree(payloadJson);
        long rows = firstLong(payload.path("countStatementId").asText());
        long plays = firstLong(payload.path("sumStatementId").asText());
        return JSON.createObjectNode().put("refreshId", payload.path("refreshId").asText())
                .put("rows", rows).put("plays", plays).toString();
    }

    private long firstLong(String statementId) {
        return redshift.client().getStatementResult(b -> b.id(statementId)).records().getFirst().getFirst().longValue();
    }

    private ExecutionResult run(LambdaFunction publish) {
        try (LocalStateMachine machine = LocalStateMachine.start(Bindings.builder()
                .localCloud(cloud)
                .localRedshift(redshift)
                .function("backbeat-publish", publish)
                .build())) {
            return machine.run(definition, "{\"refreshId\":\"r-1\",\"plays\":\"42\"}");
        }
    }

    private Map<String, AttributeValue> ledgerItem() {
        return cloud.dynamoDbClient().getItem(b -> b.tableName(ledger).consistentRead(true)
                .key(Map.of("object_id", AttributeValue.fromS("r-1"), "stage", AttributeValue.fromS("kpi")))).item();
    }

    @Test
    void refresh_succeedsWithThePublishedSummaryAndRecordsItInTheLedger() throws Exception {
        ExecutionResult result = run(this::publish);

        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(result.output()))
                .isEqualTo(JSON.readTree("{\"refreshId\":\"r-1\",\"rows\":1,\"plays\":42}"));
        assertThat(ledgerItem()).containsEntry("status", AttributeValue.fromS("REFRESHED"))
                .containsEntry("plays", AttributeValue.fromN("42"))
                .containsEntry("row_count", AttributeValue.fromN("1"));
        assertThat(result.statesEntered())
                .startsWith("InsertPlays", "WaitForInsert", "DescribeInsert", "InsertDone?")
                .containsSubsequence("InsertDone?", "ReadInParallel", "Publish", "RecordRefresh", "Refreshed")
                .containsSubsequence("CountRows", "WaitForCount", "DescribeCount", "CountDone?", "CountRead")
                .containsSubsequence("SumPlays", "WaitForSum", "DescribeSum", "SumDone?", "SumRead")
                .endsWith("Publish", "RecordRefresh", "Refreshed")
                .doesNotContain("InsertFailed", "RecordFailure", "RefreshFailed");
        assertThat(redshift.receivedStatements()).anySatisfy(statement -> assertThat(statement.sql())
                .isEqualTo("INSERT INTO " + table + " (refresh_id, plays) VALUES (:refresh_id, :plays)"));
        assertThat(publishCalls).hasValue(1);
    }

    @Nested
    class Failures {
        @Test
        void failedWrite_isRecordedThenFailsWithTheStatementsError() {
            redshift.failNextStatementMatching("INSERT INTO " + table + " ",
                    "ERROR: 1023 DETAIL: Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2");

            ExecutionResult result = run(RefreshDefinitionTest.this::publish);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("StatementFailed");
            assertThat(result.cause()).contains("Serializable isolation violation on table - 100");
            assertThat(ledgerItem()).containsEntry("status", AttributeValue.fromS("FAILED"))
                    .hasEntrySatisfying("error", error -> assertThat(error.s()).contains("Serializable isolation violation"));
            assertThat(result.statesEntered()).endsWith("DescribeInsert", "InsertDone?", "InsertFailed", "RecordFailure",
                    "RefreshFailed");
            assertThat(publishCalls).hasValue(0);
        }

        @Test
        void failedReadInOneBranch_isCaughtByTheParallelStateAndRecorded() {
            redshift.failNextStatementMatching("SELECT sum\\(plays\\) AS plays FROM " + table + " ",
                    "ERROR: permission denied for relation " + table);

            ExecutionResult result = run(RefreshDefinitionTest.this::publish);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("StatementFailed");
            assertThat(result.cause()).isEqualTo("ERROR: permission denied for relation " + table);
            assertThat(result.statesEntered())
                    .containsSubsequence("ReadInParallel", "SumPlays", "DescribeSum", "SumFailed", "RecordFailure")
                    .endsWith("RecordFailure", "RefreshFailed")
                    .doesNotContain("Publish");
            assertThat(result.statesCaught()).containsExactly("ReadInParallel");
        }

        @Test
        void publishThatFailsTwice_isRetriedAndSucceeds() {
            LambdaFunction flaky = payload -> {
                if (publishCalls.get() < 2) {
                    publishCalls.incrementAndGet();
                    throw new IllegalStateException("warehouse busy, try again");
                }
                return publish(payload);
            };

            ExecutionResult result = run(flaky);

            assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(publishCalls).hasValue(3);
            assertThat(result.statesRetried()).containsExactly("Publish", "Publish");
            assertThat(ledgerItem()).containsEntry("status", AttributeValue.fromS("REFRESHED"));
        }

        @Test
        void publishThatKeepsFailing_isCaughtAfterItsRetriesWithTheExceptionAsError() throws Exception {
            LambdaFunction broken = payload -> {
                publishCalls.incrementAndGet();
                throw new IllegalStateException("serving table is read-only");
            };

            ExecutionResult result = run(broken);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(publishCalls).hasValue(3);
            assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
            JsonNode errorDocument = JSON.readTree(result.cause());
            assertThat(errorDocument.path("errorMessage").asText()).isEqualTo("serving table is read-only");
            assertThat(errorDocument.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(errorDocument.path("stackTrace").isArray()).isTrue();
            assertThat(result.statesCaught()).containsExactly("Publish");
            assertThat(ledgerItem()).containsEntry("status", AttributeValue.fromS("FAILED"));
        }
    }
}
