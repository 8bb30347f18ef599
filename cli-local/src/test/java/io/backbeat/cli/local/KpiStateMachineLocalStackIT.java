package io.backbeat.cli.local;

import io.backbeat.cli.SynthesizedStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.KpiRefreshInput;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.fixtures.localstack.LocalStackContainers;
import io.backbeat.infra.KpiStateMachine;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.wiring.LocalValues;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The LocalStack tier for the state machine: the {@code kpi-refresh} definition CDK synthesizes, created
 * on LocalStack's Step Functions and run there, recording into a ledger table on LocalStack's DynamoDB.
 * Runs only where Docker is available and is skipped cleanly elsewhere.
 *
 * <p>The warehouse it names does not exist there: LocalStack's community image has no Redshift Data API
 * and a paid edition (with {@code LOCALSTACK_AUTH_TOKEN}) has no such workgroup, so under either edition
 * the execution must take the deployed failure path (retries, then {@code Record failure}, then FAILED
 * with a cause). The successful path runs on the local Redshift in {@link LocalDeploymentTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class KpiStateMachineLocalStackIT {
    private static final String ACCOUNT = "000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackContainers.of("stepfunctions", "dynamodb", "iam", "sts");

    private static SynthesizedTemplate template;

    @BeforeAll
    static void synthesizeTheStack() {
        template = SynthesizedStack.template();
    }

    @Test
    void anUnreachableWarehouseIsRetriedRecordedInTheLedgerAndFailsTheExecutionWithACause() throws Exception {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                        .credentialsProvider(credentials).build();
                SfnClient sfn = SfnClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                        .credentialsProvider(credentials).build()) {
            Map<String, String> tables = new HashMap<>();
            template.tables().forEach((id, spec) -> {
                String name = id.replaceAll("[^A-Za-z0-9_.-]", "");
                LocalCloud.createTable(dynamoDb, name, spec.partitionKey(), spec.sortKey());
                tables.put(id, name);
            });
            String ledger = template.tables().keySet().stream().filter(id -> id.contains("Ledger")).findFirst().map(tables::get)
                    .orElseThrow(() -> new AssertionError("no ledger table in the template: " + tables.keySet()));
            String definition = template.stateMachineDefinition(
                    new LocalValues(template, region.id(), ACCOUNT, tables, "backbeat-landing", "backbeat-no-such-workgroup"));
            String stateMachineArn = sfn.createStateMachine(r -> r.name("kpi-refresh").definition(definition)
                    .roleArn("arn:aws:iam::" + ACCOUNT + ":role/kpi-refresh")).stateMachineArn();

            KpiRefreshInput input = new KpiRefreshInput("load-0001", List.of("2024-06-25"), "s3://landing/staged/streams/a.csv.zst#v1");
            String executionArn = sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(input.refreshId())
                    .input(json(input))).executionArn();
            KpiRefreshInput other = new KpiRefreshInput(input.refreshId(), List.of("2024-06-26"), input.objectId());
            assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(other.refreshId())
                    .input(json(other)))).as("a second start for the same batch").isInstanceOf(ExecutionAlreadyExistsException.class);

            DescribeExecutionResponse finished = awaitEnd(sfn, executionArn, Duration.ofMinutes(5));
            assertThat(finished.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(finished.cause()).as("the execution's cause").isNotBlank();
            List<HistoryEvent> history = sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream().toList();
            assertThat(history).anySatisfy(event -> {
                assertThat(event.stateEnteredEventDetails()).isNotNull();
                assertThat(event.stateEnteredEventDetails().name()).isEqualTo(KpiStateMachine.RECORD_FAILURE);
            });

            Map<String, AttributeValue> recorded = dynamoDb.getItem(r -> r.tableName(ledger).consistentRead(true).key(Map.of(
                    LedgerSchema.OBJECT, AttributeValue.fromS(input.objectId()),
                    LedgerSchema.STAGE, AttributeValue.fromS(KpiRefreshInput.LEDGER_STAGE.id())))).item();
            assertThat(recorded).as("the ledger item of the refresh").isNotEmpty();
            assertThat(recorded.get(LedgerSchema.STATUS).s()).isEqualTo(LedgerStatus.FAILED.name());
            assertThat(recorded).containsKey(LedgerSchema.ERROR);
        }
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return execution;
            }
            Thread.sleep(500);
        }
    }

    private static String json(KpiRefreshInput input) {
        try {
            return JSON.writeValueAsString(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
