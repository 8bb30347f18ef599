package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.PublishRequest;
import io.backbeat.events.Stage;
import io.backbeat.warehouse.KpiSql;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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
        definition = JSON.readTree(StateMachineDefinitions.asl(template.toJSON(), StateMachineDefinitions.KPI_REFRESH,
                StateMachineDefinitions::placeholder));
        states = new LinkedHashMap<>();
        collect(definition.get("States"));
    }

    @Test
    void definition_claimsTheLeaseRefreshesPublishesReleasesThenRecordsTheOutcome() {
        assertThat(definition.get("StartAt").asText()).isEqualTo(KpiStateMachine.TAKE_LEASE);
        assertThat(catchTarget(KpiStateMachine.TAKE_LEASE, "DynamoDB.ConditionalCheckFailedException"))
                .isEqualTo(KpiStateMachine.REGISTER_PENDING);
        assertThat(next(KpiStateMachine.TAKE_LEASE)).isEqualTo(KpiStateMachine.LOADS_SETTLED);
        assertThat(catchTarget(KpiStateMachine.REGISTER_PENDING, "DynamoDB.ConditionalCheckFailedException"))
                .isEqualTo(KpiStateMachine.TAKE_LEASE);
        assertThat(next(KpiStateMachine.REGISTER_PENDING)).isEqualTo(KpiStateMachine.DESCRIBE_HOLDER);
        assertThat(next(KpiStateMachine.DESCRIBE_HOLDER)).isEqualTo(KpiStateMachine.HOLDER_RUNNING);
        assertThat(catchTarget(KpiStateMachine.DESCRIBE_HOLDER, "Sfn.ExecutionDoesNotExistException"))
                .isEqualTo(KpiStateMachine.TAKE_OVER_LEASE);
        assertThat(states.get(KpiStateMachine.HOLDER_RUNNING).at("/Choices/0/StringEquals").asText()).isEqualTo("RUNNING");
        assertThat(states.get(KpiStateMachine.HOLDER_RUNNING).at("/Choices/0/Next").asText()).isEqualTo(KpiStateMachine.RECORD_COALESCED);
        assertThat(states.get(KpiStateMachine.HOLDER_RUNNING).get("Default").asText()).isEqualTo(KpiStateMachine.TAKE_OVER_LEASE);
        assertThat(next(KpiStateMachine.RECORD_COALESCED)).isEqualTo(KpiStateMachine.COALESCED);
        assertThat(states.get(KpiStateMachine.COALESCED).get("Type").asText()).isEqualTo("Succeed");
        assertThat(next(KpiStateMachine.TAKE_OVER_LEASE)).isEqualTo(KpiStateMachine.LOADS_SETTLED);
        assertThat(next(KpiStateMachine.LOADS_SETTLED)).isEqualTo(KpiStateMachine.REFRESH);
        assertThat(catchTarget(KpiStateMachine.LOADS_SETTLED, "DynamoDB.ConditionalCheckFailedException"))
                .isEqualTo(KpiStateMachine.WAIT_FOR_LOADS);
        assertThat(next(KpiStateMachine.WAIT_FOR_LOADS)).isEqualTo(KpiStateMachine.LOADS_SETTLED);
        assertThat(states.get(KpiStateMachine.WAIT_FOR_LOADS).get("Seconds").asInt()).isEqualTo(5);
        assertThat(next(KpiStateMachine.REFRESH)).isEqualTo(KpiStateMachine.PUBLISH);
        assertThat(next(KpiStateMachine.PUBLISH)).isEqualTo(KpiStateMachine.RELEASE_LEASE);
        assertThat(next(KpiStateMachine.RELEASE_LEASE)).isEqualTo(KpiStateMachine.ANYTHING_PENDING);
        assertThat(states.get(KpiStateMachine.ANYTHING_PENDING).at("/Choices/0/Variable").asText()).isEqualTo("$.released.Attributes.pending");
        assertThat(states.get(KpiStateMachine.ANYTHING_PENDING).at("/Choices/0/Next").asText()).isEqualTo(KpiStateMachine.NAME_SUCCESSOR);
        assertThat(next(KpiStateMachine.NAME_SUCCESSOR)).isEqualTo(KpiStateMachine.START_SUCCESSOR);
        assertThat(next(KpiStateMachine.START_SUCCESSOR)).isEqualTo(KpiStateMachine.OUTCOME);
        assertThat(states.get(KpiStateMachine.OUTCOME).at("/Choices/0/Next").asText()).isEqualTo(KpiStateMachine.FAILED);
        assertThat(states.get(KpiStateMachine.OUTCOME).get("Default").asText()).isEqualTo(KpiStateMachine.RECORD_SUCCESS);
        assertThat(next(KpiStateMachine.RECORD_SUCCESS)).isEqualTo(KpiStateMachine.SUCCEEDED);
        assertThat(next(KpiStateMachine.RECORD_FAILURE)).as("a failed holder releases too").isEqualTo(KpiStateMachine.RELEASE_LEASE);
        assertThat(definition.get("TimeoutSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void publication_isReachedOnlyByTheLeaseHolderAndReleasedOnlyAfterIt() {
        // Only a holder refreshes and publishes, and it releases after publishing: publications happen in lease
        // order, so a publication can never overwrite newer KPIs with older ones.
        assertThat(predecessors(KpiStateMachine.LOADS_SETTLED)).containsExactlyInAnyOrder(KpiStateMachine.TAKE_LEASE,
                KpiStateMachine.TAKE_OVER_LEASE, KpiStateMachine.WAIT_FOR_LOADS);
        assertThat(predecessors(KpiStateMachine.REFRESH)).containsExactly(KpiStateMachine.LOADS_SETTLED);
        assertThat(predecessors(KpiStateMachine.PUBLISH)).containsExactly(KpiStateMachine.REFRESH);
        assertThat(predecessors(KpiStateMachine.RELEASE_LEASE)).containsExactlyInAnyOrder(KpiStateMachine.PUBLISH,
                KpiStateMachine.RECORD_FAILURE);
    }

    @Test
    void lease_isTakenReleasedAndJoinedWithConditionalWritesOnOneLedgerItem() {
        for (String write : List.of(KpiStateMachine.TAKE_LEASE, KpiStateMachine.REGISTER_PENDING, KpiStateMachine.TAKE_OVER_LEASE,
                KpiStateMachine.LOADS_SETTLED, KpiStateMachine.RELEASE_LEASE)) {
            JsonNode state = states.get(write);
            assertThat(state.get("Resource").asText()).as(write).isEqualTo("arn:aws:states:::dynamodb:updateItem");
            assertThat(state.at("/Parameters/Key/" + LedgerSchema.OBJECT + "/S").asText()).as(write).isEqualTo(LedgerSchema.LEASE_OBJECT);
            assertThat(state.at("/Parameters/Key/" + LedgerSchema.STAGE + "/S").asText()).as(write).isEqualTo(LedgerSchema.LEASE_STAGE);
        }
        JsonNode claim = states.get(KpiStateMachine.TAKE_LEASE);
        assertThat(claim.at("/Parameters/ConditionExpression").asText()).isEqualTo("attribute_not_exists(#owner)");
        assertThat(claim.at("/Parameters/UpdateExpression").asText())
                .isEqualTo("SET #owner = :me, #since = :now, #refresh = :refresh REMOVE #pending");
        assertThat(claim.at("/Parameters/ExpressionAttributeValues/:me/S.$").asText()).isEqualTo("$$.Execution.Id");
        JsonNode register = states.get(KpiStateMachine.REGISTER_PENDING);
        assertThat(register.at("/Parameters/UpdateExpression").asText()).isEqualTo("ADD #pending :one");
        assertThat(register.at("/Parameters/ConditionExpression").asText()).isEqualTo("attribute_exists(#owner)");
        assertThat(register.at("/Parameters/ReturnValues").asText()).isEqualTo("ALL_NEW");
        assertThat(states.get(KpiStateMachine.TAKE_OVER_LEASE).at("/Parameters/ConditionExpression").asText()).isEqualTo("#owner = :holder");
        JsonNode settled = states.get(KpiStateMachine.LOADS_SETTLED);
        assertThat(settled.at("/Parameters/ConditionExpression").asText())
                .isEqualTo("#owner = :me AND (attribute_not_exists(#loading) OR #busy < :now)");
        assertThat(settled.at("/Parameters/UpdateExpression").asText()).isEqualTo("REMOVE #pending");
        assertThat(settled.at("/Parameters/ExpressionAttributeNames/#loading").asText()).isEqualTo(LedgerSchema.LOADING);
        assertThat(settled.at("/Parameters/ExpressionAttributeNames/#busy").asText()).isEqualTo(LedgerSchema.LOADS_BUSY_UNTIL);
        assertThat(settled.at("/Parameters/ExpressionAttributeValues/:now/S.$").asText()).isEqualTo("$$.State.EnteredTime");
        JsonNode release = states.get(KpiStateMachine.RELEASE_LEASE);
        assertThat(release.at("/Parameters/ConditionExpression").asText()).isEqualTo("#owner = :me");
        assertThat(release.at("/Parameters/ReturnValues").asText()).isEqualTo("ALL_OLD");
        assertThat(release.get("ResultPath").asText()).isEqualTo("$.released");
    }

    @Test
    void successor_isOneExecutionOfThisStateMachineWithAFreshName() {
        JsonNode start = states.get(KpiStateMachine.START_SUCCESSOR);

        assertThat(start.get("Resource").asText()).isEqualTo("arn:aws:states:::states:startExecution");
        assertThat(start.at("/Parameters/StateMachineArn.$").asText()).isEqualTo("$$.StateMachine.Id");
        assertThat(catchTarget(KpiStateMachine.START_SUCCESSOR, "StepFunctions.ExecutionAlreadyExistsException"))
                .as("a retried start that had started it").isEqualTo(KpiStateMachine.OUTCOME);
        assertThat(start.at("/Parameters/Name.$").asText()).isEqualTo("$.successor.name");
        assertThat(start.at("/Parameters/Input/refreshId.$").asText()).isEqualTo("$.successor.name");
        assertThat(start.at("/Parameters/Input/dates").isEmpty()).isTrue();
        assertThat(start.at("/Parameters/Input/AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$").asText()).isEqualTo("$$.Execution.Id");
        assertThat(states.get(KpiStateMachine.NAME_SUCCESSOR).at("/Parameters/name.$").asText()).isEqualTo("States.UUID()");
        List<Map<String, Object>> statements = Policies.statements(template, DevStack.stack().kpiRefresh().stateMachine().getRole());
        assertThat(Policies.actionsOn(statements, DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn())))
                .containsExactly("states:StartExecution");
        assertThat(statements.toString()).contains("states:DescribeExecution", ":execution:");
    }

    @Test
    void polling_waitsAtLeastFiveSecondsThenBacksOffToThirtyAndCancelsAStatementPastItsDeadline() {
        List<String> loops = new ArrayList<>(List.of(KpiStateMachine.REFRESH_STATEMENT));
        KpiSql.PUBLISHED.forEach(table -> loops.add(KpiStateMachine.selectState(table)));
        for (String label : loops) {
            JsonNode start = states.get("Start polling " + label);
            assertThat(start.at("/Result/wait").asInt()).as(label).isGreaterThanOrEqualTo(5);
            assertThat(start.at("/Result/waited").asInt()).as(label).isZero();
            assertThat(states.get("Wait for " + label).get("SecondsPath").asText()).as(label).isEqualTo("$.poll.wait");
            assertThat(states.get("Wait for " + label).has("Seconds")).as(label).isFalse();
            assertThat(states.get("Back off " + label).at("/Parameters/wait.$").asText())
                    .isEqualTo("States.MathAdd($.poll.wait, $.poll.wait)");
            assertThat(states.get("Back off " + label).at("/Parameters/waited.$").asText())
                    .isEqualTo("States.MathAdd($.poll.waited, $.poll.wait)");
            assertThat(states.get(label + " wait capped?").at("/Choices/0/NumericGreaterThan").asInt()).isEqualTo(30);
            assertThat(states.get("Cap wait for " + label).at("/Parameters/wait").asInt()).isEqualTo(30);
            JsonNode deadline = states.get(label + " past deadline?");
            assertThat(deadline.at("/Choices/0/Variable").asText()).isEqualTo("$.poll.waited");
            assertThat(deadline.at("/Choices/0/NumericGreaterThanEquals").asInt()).isEqualTo(45 * 60);
            JsonNode cancel = states.get(deadline.at("/Choices/0/Next").asText());
            assertThat(cancel.get("Resource").asText()).isEqualTo("arn:aws:states:::aws-sdk:redshiftdata:cancelStatement");
            assertThat(cancel.at("/Parameters/Id.$").asText()).isEqualTo("$.statement.Id");
            assertThat(cancel.at("/Credentials/RoleArn").asText()).isEqualTo(states.get(label).at("/Credentials/RoleArn").asText());
            JsonNode timedOut = states.get(next(cancel));
            assertThat(timedOut.at("/Parameters/Error").asText()).isEqualTo("Redshift.StatementTimedOut");
            assertThat(timedOut.at("/Parameters/Cause.$").asText()).contains("was cancelled (CancelStatement)");
            assertThat(cancel.at("/Catch/0/Next").asText()).isEqualTo(next(cancel));
        }
    }

    @Test
    void noStateOutput_copiesTheInput() {
        for (Map.Entry<String, JsonNode> state : states.entrySet()) {
            String type = state.getValue().get("Type").asText();
            boolean publishInvoke = KpiSql.PUBLISHED.stream().anyMatch(t -> KpiStateMachine.publishState(t).equals(state.getKey()));
            if (type.equals("Task") && !publishInvoke) {
                assertThat(state.getValue().has("ResultPath")).as(state.getKey() + " keeps its result beside the input").isTrue();
                assertThat(state.getValue().get("ResultPath").asText("null")).as(state.getKey()).isNotEqualTo("$");
            }
            if (type.equals("Parallel")) {
                assertThat(fieldNames(state.getValue().get("Parameters"))).as(state.getKey() + " passes its branches the refresh id only")
                        .containsExactly("refreshId.$");
            }
            if (type.equals("Pass") && state.getValue().has("Parameters")) {
                assertThat(state.getValue().get("ResultPath").asText()).as(state.getKey()).isNotEqualTo("$");
            }
        }
        assertThat(states.get(KpiStateMachine.REFRESH).get("ResultPath").isNull()).isTrue();
        // The publish invokes replace their branch's state ({refreshId, statement, poll}) with {table, items}.
        assertThat(fieldNames(states.get(KpiStateMachine.publishState(KpiSql.HOURLY)).get("ResultSelector")))
                .containsExactlyInAnyOrder("table.$", "items.$");
    }

    @Test
    void answers_areNeverRetried_evenByTheTaskFailedWildcardAfterThem() {
        // States.TaskFailed matches every error but States.Timeout; retriers are tried in order, MaxAttempts 0 never
        // retries. Without this, a claim of a held lease was retried three times (2-14 s) before registering.
        Map<String, JsonNode> withRetries = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            if (state.path("Retry").toString().contains("\"States.TaskFailed\"")) {
                withRetries.put(name, state.get("Retry"));
            }
        });
        assertThat(withRetries).containsKeys(KpiStateMachine.TAKE_LEASE, KpiStateMachine.LOADS_SETTLED,
                KpiStateMachine.DESCRIBE_HOLDER, KpiStateMachine.START_SUCCESSOR);
        withRetries.forEach((name, retry) -> {
            assertThat(retry.get(0).get("ErrorEquals")).as(name).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                    "DynamoDB.ConditionalCheckFailedException", "Sfn.ExecutionDoesNotExistException",
                    "StepFunctions.ExecutionAlreadyExistsException");
            assertThat(retry.get(0).get("MaxAttempts").asInt(-1)).as(name).isZero();
        });
    }

    @Test
    void everyErrorNameInARetryOrCatch_isOneTheServiceRaises() {
        Set<String> names = new TreeSet<>();
        states.values().forEach(state -> {
            state.path("Retry").forEach(retry -> retry.get("ErrorEquals").forEach(name -> names.add(name.asText())));
            state.path("Catch").forEach(c -> c.get("ErrorEquals").forEach(name -> names.add(name.asText())));
        });
        // Raised by this definition itself: a Pass puts {Error, Cause} at $.error and a Fail state raises it.
        Set<String> ownErrors = new TreeSet<>();
        states.values().forEach(state -> {
            if (state.get("Type").asText().equals("Pass") && state.at("/Parameters/Error").isTextual()) {
                ownErrors.add(state.at("/Parameters/Error").asText());
            }
        });

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(raisedByTheService(name, ownErrors))
                .as(name + " is raised by the service (an AWS SDK v2 model exception, a States.* name, or a name the Step"
                        + " Functions guide documents)").isTrue());
        assertThat(names).contains("DynamoDB.ConditionalCheckFailedException", "Sfn.ExecutionDoesNotExistException",
                "RedshiftData.ActiveStatementsExceededException", "Lambda.ServiceException");
    }

    /**
     * AWS SDK integrations name errors {@code <Service>.<Exception>} after the SDK's exception
     * (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html), and so does the optimized
     * DynamoDB integration; a name passes when the AWS SDK for Java v2 has that model class. The optimized Lambda
     * integration reports the names the Step Functions guide lists, some of them AWS SDK for Java 1.x classes
     * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html). States.* names are
     * the States Language's own (https://states-language.net/spec.html#appendix-a).
     */
    private static boolean raisedByTheService(String name, Set<String> ownErrors) {
        if (name.startsWith("States.")) {
            return STATES_ERRORS.contains(name);
        }
        if (name.startsWith("Lambda.")) {
            return LAMBDA_DOCUMENTED.contains(name);
        }
        if (ownErrors.contains(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        String model = switch (name.substring(0, dot)) {
            case "DynamoDB" -> "software.amazon.awssdk.services.dynamodb.model.";
            case "RedshiftData" -> "software.amazon.awssdk.services.redshiftdata.model.";
            // The optimized states:startExecution integration names the same exceptions with the StepFunctions prefix.
            case "Sfn", "StepFunctions" -> "software.amazon.awssdk.services.sfn.model.";
            default -> null;
        };
        if (model == null) {
            return false;
        }
        try {
            return AwsServiceException.class.isAssignableFrom(Class.forName(model + name.substring(dot + 1)));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static final Set<String> STATES_ERRORS = Set.of("States.ALL", "States.HeartbeatTimeout", "States.Timeout",
            "States.TaskFailed", "States.Permissions", "States.ResultPathMatchFailure", "States.ParameterPathFailure",
            "States.BranchFailed", "States.NoChoiceMatched", "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold",
            "States.ItemReaderFailed", "States.ResultWriterFailed", "States.QueryEvaluationError");
    private static final Set<String> LAMBDA_DOCUMENTED = Set.of("Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.Unknown");

    @Test
    void polling_refusesChecksUnderFiveSecondsAndADeadlineTheExecutionWouldNotOutlive() {
        assertThatThrownBy(() -> new KpiStateMachineProps.Polling(Duration.seconds(2), Duration.seconds(30), Duration.minutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("firstWait must be at least 5 s, got 2 s");
        assertThatThrownBy(() -> new KpiStateMachineProps.Polling(Duration.seconds(10), Duration.seconds(5), Duration.minutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("longestWait (5 s) must be at least firstWait (10 s)");
        StackProbe probe = new StackProbe();
        assertThatThrownBy(() -> new KpiStateMachineProps(probe.warehouse(), probe.ledger(), probe.publish(),
                new KpiStateMachineProps.Polling(Duration.seconds(5), Duration.seconds(30), Duration.hours(2)), Duration.hours(1),
                software.amazon.awscdk.services.logs.RetentionDays.ONE_WEEK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("polling.statementDeadline (7200 s) must be shorter than timeout (3600 s)");
    }

    /** The dev stack's parts, for props checks. */
    private record StackProbe(Warehouse warehouse, software.amazon.awscdk.services.dynamodb.ITable ledger, DeployedFunction publish) {
        StackProbe() {
            this(DevStack.stack().warehouse(), DevStack.stack().tables().ledger(), DevStack.stack().functions().publish());
        }
    }

    @Test
    void refreshMonitor_recordsExecutionsThatTimedOutWereAbortedOrFailedAndMayStartOneSuccessor() {
        RefreshMonitor monitor = DevStack.stack().refreshMonitor();
        Object stateMachineArn = DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn());

        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("aws.states"),
                "detail-type", List.of("Step Functions Execution Status Change"),
                "detail", Map.of("stateMachineArn", List.of(stateMachineArn), "status", List.of("TIMED_OUT", "ABORTED", "FAILED"))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", DevStack.ref(monitor.function().getFunctionArn()),
                        "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 8)),
                        "DeadLetterConfig", Match.anyValue())))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.backbeat.functions.kpi.RefreshMonitorHandler::handleRequest",
                "Environment", Map.of("Variables", Map.of(
                        "BACKBEAT_LEDGER_TABLE", DevStack.ref(DevStack.stack().tables().ledger().getTableName()),
                        "BACKBEAT_STATE_MACHINE_ARN", stateMachineArn)))));
        List<Map<String, Object>> statements = Policies.statements(template, monitor.role());
        assertThat(Policies.actionsOn(statements, stateMachineArn)).containsExactly("states:StartExecution");
        assertThat(statements.toString()).contains("dynamodb:UpdateItem").doesNotContain("dynamodb:Scan", "dynamodb:DeleteItem");
    }

    @Test
    void refresh_callsTheStoredProcedureWithTheBatchIdAsParameter() throws Exception {
        JsonNode refresh = states.get(KpiStateMachine.REFRESH_STATEMENT);

        assertThat(refresh.get("Resource").asText()).isEqualTo(EXECUTE_STATEMENT);
        assertThat(refresh.at("/Parameters/Sql").asText()).isEqualTo(KpiSql.REFRESH);
        assertThat(refresh.at("/Parameters/Parameters"))
                .isEqualTo(JSON.readTree("[{\"Name\": \"refresh_id\", \"Value.$\": \"$.refreshId\"}]"));
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
                .containsExactlyElementsOf(KpiSql.PUBLISHED.stream().map(KpiStateMachine::selectState).toList());
        assertThat(parallel.at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.RECORD_FAILURE);
        for (String table : KpiSql.PUBLISHED) {
            JsonNode select = states.get(KpiStateMachine.selectState(table));
            assertThat(select.get("Resource").asText()).isEqualTo(EXECUTE_STATEMENT);
            assertThat(select.at("/Parameters/Sql").asText()).isEqualTo(KpiSql.select(table));
            assertThat(select.at("/Parameters/Parameters/0/Name").asText()).isEqualTo(KpiSql.REFRESH_ID);
            assertThat(select.at("/Parameters/Parameters/0/Value.$").asText()).isEqualTo("$.refreshId");
        }
    }

    @Test
    void publishTasks_sendAPublishRequestWithTheSelectsStatementId() {
        List<String> requestFields = Arrays.stream(PublishRequest.class.getRecordComponents()).map(RecordComponent::getName).toList();
        for (String table : KpiSql.PUBLISHED) {
            JsonNode invoke = states.get(KpiStateMachine.publishState(table));
            JsonNode payload = invoke.at("/Parameters/Payload");

            assertThat(invoke.get("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(invoke.at("/Parameters/FunctionName").asText())
                    .isEqualTo("${" + DevStack.logicalId(DevStack.stack().functions().publish().alias()) + "}");
            assertThat(fieldNames(payload)).containsExactlyInAnyOrder("refreshId.$", "table", "statementId.$");
            assertThat(fieldNames(payload).stream().map(name -> name.replace(".$", "")))
                    .containsExactlyInAnyOrderElementsOf(requestFields);
            assertThat(payload.get("refreshId.$").asText()).isEqualTo("$.refreshId");
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
            assertThat(record.at("/Parameters/ExpressionAttributeValues/:refresh/S.$").asText()).isEqualTo("$.refreshId");
            assertThat(record.at("/Parameters/ExpressionAttributeNames/#status").asText()).isEqualTo(LedgerSchema.STATUS);
        }
        assertThat(success.at("/Parameters/ExpressionAttributeValues/:status/S").asText()).isEqualTo("SUCCEEDED");
        assertThat(failure.at("/Parameters/ExpressionAttributeValues/:status/S").asText()).isEqualTo("FAILED");
        assertThat(failure.at("/Parameters/ExpressionAttributeValues/:error/S.$").asText())
                .isEqualTo("States.Format('{}: {}', $.error.Error, $.error.Cause)");
        assertThat(failure.at("/Catch/0/Next").asText()).isEqualTo(KpiStateMachine.RELEASE_LEASE);
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
        DeployedFunction publish = DevStack.stack().functions().publish();
        Object publishRoleArn = "${" + DevStack.logicalId(publish.role()) + ".Arn}";
        for (String table : KpiSql.PUBLISHED) {
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

    private static String next(String state) {
        return next(states.get(state));
    }

    private static String next(JsonNode state) {
        return state.get("Next").asText();
    }

    private static String catchTarget(String state, String error) {
        for (JsonNode c : states.get(state).path("Catch")) {
            for (JsonNode name : c.get("ErrorEquals")) {
                if (name.asText().equals(error)) {
                    return c.get("Next").asText();
                }
            }
        }
        return null;
    }

    /** The states that lead to {@code target}: by Next, Default, a Choice or a Catch. */
    private static List<String> predecessors(String target) {
        List<String> found = new ArrayList<>();
        states.forEach((name, state) -> {
            List<String> targets = new ArrayList<>();
            targets.addAll(state.findValuesAsText("Next"));
            if (state.has("Default")) {
                targets.add(state.get("Default").asText());
            }
            if (!state.has("Branches") && targets.contains(target)) {
                found.add(name);
            } else if (state.has("Branches") && (target.equals(state.path("Next").asText())
                    || state.path("Catch").findValuesAsText("Next").contains(target))) {
                found.add(name);
            }
        });
        return found;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
