package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.PublishRequest;
import io.backbeat.events.Stage;
import io.backbeat.events.warehouse.KpiSql;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class KpiStateMachineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXECUTE_STATEMENT = "arn:aws:states:::aws-sdk:redshiftdata:executeStatement";
    private static Template template;
    private static JsonNode definition;
    /** Every state, branches included, by name. */
    private static Map<String, JsonNode> states;

    @BeforeAll
    static void synthesize() throws Exception {
        template = DevStack.template();
        definition = JSON.readTree(StateMachineDefinitions.asl(template.toJSON(), StateMachineDefinitions::placeholder));
        states = new LinkedHashMap<>();
        collect(definition.get("States"));
    }

    @Test
    void definition_refreshesThenPublishesThenRecordsTheOutcome() {
        assertThat(definition.get("StartAt").asText()).isEqualTo(KpiStateMachine.REFRESH);
        assertThat(states.get(KpiStateMachine.REFRESH).get("Type").asText()).isEqualTo("Parallel");
        assertThat(states.get(KpiStateMachine.REFRESH).get("Next").asText()).isEqualTo(KpiStateMachine.PUBLISH);
        assertThat(states.get(KpiStateMachine.REFRESH_STATEMENT + " done?").get("Choices").findValuesAsText("Next"))
                .containsExactly(KpiStateMachine.REFRESH_STATEMENT + " finished", KpiStateMachine.REFRESH_STATEMENT + " statement failed",
                        KpiStateMachine.REFRESH_STATEMENT + " statement aborted");
        assertThat(states.get(KpiStateMachine.PUBLISH).get("Next").asText()).isEqualTo(KpiStateMachine.RECORD_SUCCESS);
        assertThat(states.get(KpiStateMachine.RECORD_SUCCESS).get("Next").asText()).isEqualTo(KpiStateMachine.SUCCEEDED);
        assertThat(states.get(KpiStateMachine.RECORD_FAILURE).get("Next").asText()).isEqualTo(KpiStateMachine.FAILED);
        assertThat(definition.get("TimeoutSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void everyTask_retriesWithJitterAndCatchesEverything() {
        List<String> tasks = states.entrySet().stream().filter(state -> state.getValue().get("Type").asText().equals("Task"))
                .map(Map.Entry::getKey).toList();

        assertThat(tasks).hasSize(1 + 1 + 2 + KpiSql.TABLES.size() * 3); // refresh, describe, two records, per table 3
        for (String parallel : List.of(KpiStateMachine.REFRESH, KpiStateMachine.PUBLISH)) {
            JsonNode state = states.get(parallel);
            assertThat(state.at("/Retry/0/ErrorEquals/0").asText()).as(parallel).isEqualTo("Redshift.StatementFailed");
            assertThat(state.at("/Retry/0/JitterStrategy").asText()).as(parallel).isEqualTo("FULL");
            assertThat(state.at("/Catch/0/ErrorEquals/0").asText()).as(parallel).isEqualTo("States.ALL");
        }
        for (String task : tasks) {
            JsonNode state = states.get(task);
            assertThat(state.get("Retry")).as(task).isNotEmpty();
            state.get("Retry").forEach(retry -> {
                assertThat(retry.get("JitterStrategy").asText()).as(task).isEqualTo("FULL");
                assertThat(retry.get("BackoffRate").asDouble()).as(task).isEqualTo(2.0);
            });
            List<String> retried = new ArrayList<>();
            state.get("Retry").forEach(retry -> retry.get("ErrorEquals").forEach(error -> retried.add(error.asText())));
            assertThat(retried).as(task).contains("States.TaskFailed");
            assertThat(state.get("Catch").get(0).get("ErrorEquals").get(0).asText()).as(task).isEqualTo("States.ALL");
        }
    }

    @Test
    void refresh_callsTheStoredProcedureWithTheBatchIdAsParameter() throws Exception {
        JsonNode refresh = states.get(KpiStateMachine.REFRESH_STATEMENT);

        assertThat(refresh.get("Resource").asText()).isEqualTo(EXECUTE_STATEMENT);
        assertThat(refresh.at("/Parameters/Sql").asText()).isEqualTo(KpiSql.REFRESH);
        assertThat(refresh.at("/Parameters/Parameters"))
                .isEqualTo(JSON.readTree("[{\"Name\": \"refresh_id\", \"Value.$\": \"$.batchId\"}]"));
        assertThat(refresh.at("/Parameters/Database").asText()).isEqualTo("backbeat");
        assertThat(refresh.at("/Parameters/WorkgroupName").asText()).isEqualTo(DevStack.stack().warehouse().workgroupName());
        assertThat(refresh.at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.REFRESH_STATEMENT_FAILED);
        assertThat(refresh.at("/Catch/0/ResultPath").asText()).isEqualTo("$.error");
        assertThat(states.get(KpiStateMachine.REFRESH).at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.RECORD_FAILURE);
        assertThat(states.get(KpiStateMachine.REFRESH).at("/Catch/0/ResultPath").asText()).isEqualTo("$.error");
    }

    @Test
    void publish_isOneParallelBranchPerKpiTable() {
        JsonNode parallel = states.get(KpiStateMachine.PUBLISH);

        assertThat(parallel.get("Type").asText()).isEqualTo("Parallel");
        assertThat(parallel.get("Branches").findValuesAsText("StartAt"))
                .containsExactlyElementsOf(KpiSql.TABLES.stream().map(KpiStateMachine::selectState).toList());
        assertThat(parallel.at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.RECORD_FAILURE);
        for (String table : KpiSql.TABLES) {
            JsonNode select = states.get(KpiStateMachine.selectState(table));
            assertThat(select.get("Resource").asText()).isEqualTo(EXECUTE_STATEMENT);
            assertThat(select.at("/Parameters/Sql").asText()).isEqualTo(KpiSql.select(table));
            assertThat(select.at("/Parameters/Parameters/0/Name").asText()).isEqualTo(KpiSql.REFRESH_ID);
            assertThat(select.at("/Parameters/Parameters/0/Value.$").asText()).isEqualTo("$.batchId");
        }
    }

    @Test
    void publishTasks_sendAPublishRequestWithTheSelectsStatementId() {
        List<String> requestFields = Arrays.stream(PublishRequest.class.getRecordComponents()).map(RecordComponent::getName).toList();
        for (String table : KpiSql.TABLES) {
            JsonNode invoke = states.get(KpiStateMachine.publishState(table));
            JsonNode payload = invoke.at("/Parameters/Payload");

            assertThat(invoke.get("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(invoke.at("/Parameters/FunctionName").asText())
                    .isEqualTo("${" + DevStack.logicalId(DevStack.stack().functions().publish().alias()) + "}");
            assertThat(fieldNames(payload)).containsExactlyInAnyOrder("refreshId.$", "table", "statementId.$");
            assertThat(fieldNames(payload).stream().map(name -> name.replace(".$", "")))
                    .containsExactlyInAnyOrderElementsOf(requestFields);
            assertThat(payload.get("refreshId.$").asText()).isEqualTo("$.batchId");
            assertThat(payload.get("table").asText()).isEqualTo(table);
            assertThat(payload.get("statementId.$").asText()).isEqualTo("$.statement.Id");
        }
    }

    @Test
    void failedStatement_endsTheExecutionWithTheWarehouseErrorAsCause() {
        JsonNode failed = states.get(KpiStateMachine.REFRESH_STATEMENT + " statement failed");
        assertThat(failed.at("/Parameters/Cause.$").asText()).isEqualTo("$.statement.Error");
        assertThat(failed.get("ResultPath").asText()).isEqualTo("$.error");
        assertThat(failed.get("Next").asText()).isEqualTo(KpiStateMachine.REFRESH_STATEMENT_FAILED);
        assertThat(states.get("Select kpi_hourly statement failed").at("/Parameters/Cause.$").asText())
                .isEqualTo("$.statement.Error");
        assertThat(states.get("Select kpi_hourly statement failed").get("Next").asText()).isEqualTo("Publish kpi_hourly failed");

        for (String fail : List.of(KpiStateMachine.FAILED, KpiStateMachine.REFRESH_STATEMENT_FAILED, "Publish kpi_hourly failed")) {
            assertThat(states.get(fail).get("Type").asText()).isEqualTo("Fail");
            assertThat(states.get(fail).get("CausePath").asText()).isEqualTo("$.error.Cause");
            assertThat(states.get(fail).get("ErrorPath").asText()).isEqualTo("$.error.Error");
        }
    }

    @Test
    void outcome_isRecordedOnTheLoadedObjectsKpiRefreshLedgerItem() {
        JsonNode success = states.get(KpiStateMachine.RECORD_SUCCESS);
        JsonNode failure = states.get(KpiStateMachine.RECORD_FAILURE);

        for (JsonNode record : List.of(success, failure)) {
            assertThat(record.get("Resource").asText()).isEqualTo("arn:aws:states:::dynamodb:updateItem");
            assertThat(record.at("/Parameters/Key/" + LedgerSchema.OBJECT + "/S.$").asText()).isEqualTo("$.objectId");
            assertThat(record.at("/Parameters/Key/" + LedgerSchema.STAGE + "/S").asText()).isEqualTo(Stage.KPI_REFRESH.id());
            assertThat(record.at("/Parameters/ExpressionAttributeValues/:refresh/S.$").asText()).isEqualTo("$.batchId");
            assertThat(record.at("/Parameters/ExpressionAttributeNames/#status").asText()).isEqualTo(LedgerSchema.STATUS);
        }
        assertThat(success.at("/Parameters/ExpressionAttributeValues/:status/S").asText()).isEqualTo("SUCCEEDED");
        assertThat(success.at("/Parameters/ExpressionAttributeNames/#dates").asText()).isEqualTo(LedgerSchema.DATE_COUNT);
        assertThat(success.at("/Parameters/ExpressionAttributeValues/:dates/N.$").asText())
                .isEqualTo("States.Format('{}', States.ArrayLength($.dates))");
        assertThat(failure.at("/Parameters/ExpressionAttributeValues/:status/S").asText()).isEqualTo("FAILED");
        assertThat(failure.at("/Parameters/ExpressionAttributeValues/:error/S.$").asText())
                .isEqualTo("States.Format('{}: {}', $.error.Error, $.error.Cause)");
        assertThat(failure.at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.FAILED);
        assertThat(failure.at("/Catch/0/ResultPath").asText()).isEqualTo("$.recordError");
    }

    @Test
    void stateMachine_isStandardWithFullLoggingAndTracing() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineType", "STANDARD",
                "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
                "TracingConfiguration", Map.of("Enabled", true)));
    }

    @Test
    void redshiftStatements_runAsThePublishRoleWhichTrustsOnlyLambdaAndTheStateMachine() {
        StageFunction publish = DevStack.stack().functions().publish();
        Object publishRoleArn = "${" + DevStack.logicalId(publish.role()) + ".Arn}";
        for (String table : KpiSql.TABLES) {
            assertThat(states.get(KpiStateMachine.selectState(table)).at("/Credentials/RoleArn").asText()).isEqualTo(publishRoleArn);
            assertThat(states.get("Describe " + KpiStateMachine.selectState(table)).at("/Credentials/RoleArn").asText())
                    .isEqualTo(publishRoleArn);
        }
        assertThat(states.get(KpiStateMachine.REFRESH_STATEMENT).at("/Credentials/RoleArn").asText()).isEqualTo(publishRoleArn);

        Object stateMachineRole = DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getRole().getRoleArn());
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(
                        Map.of("Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Map.of("Service", "lambda.amazonaws.com")),
                        Map.of("Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Map.of("AWS", stateMachineRole))))));
    }

    @Test
    void stateMachineRole_callsNoDataApiItself() {
        List<Map<String, Object>> statements = Policies.statements(template, DevStack.stack().kpiRefresh().stateMachine().getRole());

        assertThat(statements.toString()).doesNotContain("redshift-data:", "redshift-serverless:");
        assertThat(Policies.actionsOn(statements, "*")).allMatch(action -> action.startsWith("xray:")
                || List.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
                        "logs:DescribeLogGroups").contains(action));
        assertThat(Policies.actionsOn(statements, DevStack.ref(DevStack.stack().functions().publish().role().getRoleArn())))
                .containsExactly("sts:AssumeRole");
        assertThat(Policies.actionsOn(statements, DevStack.ref(DevStack.stack().functions().publish().alias().getFunctionArn())))
                .containsExactly("lambda:InvokeFunction");
    }

    private static void collect(JsonNode level) {
        for (Iterator<Map.Entry<String, JsonNode>> it = level.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> state = it.next();
            states.put(state.getKey(), state.getValue());
            if (state.getValue().has("Branches")) {
                state.getValue().get("Branches").forEach(branch -> collect(branch.get("States")));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
