package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalStateMachineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Bindings.Builder bindings() {
        return Bindings.builder().localCloud(LocalCloud.shared()).localRedshift(LocalRedshift.shared());
    }

    private static ExecutionResult run(Bindings bindings, String definition, String input) {
        try (LocalStateMachine machine = LocalStateMachine.start(bindings)) {
            return machine.run(definition, input);
        }
    }

    private static JsonNode output(ExecutionResult result) throws Exception {
        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(result.output());
    }

    /** One Task state, caught into $.error by {@code catchErrors} and then succeeding, else failing. */
    private static String caughtTask(String resource, String parameters, String catchErrors) {
        return """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%s", "Parameters": %s,
                           "Catch": [{"ErrorEquals": %s, "ResultPath": "$.error", "Next": "Handled"}],
                           "End": true},
                  "Handled": {"Type": "Succeed"}}}
                """.formatted(resource, parameters, catchErrors);
    }

    @Nested
    class Lambda {
        @Test
        void invoke_returnsTheOptimizedIntegrationsResponseWithTheFunctionsResultAsPayload() throws Exception {
            String definition = """
                    {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:publish:live",
                                     "Payload": {"refreshId.$": "$.refreshId"}},
                      "End": true}}}
                    """;
            Bindings bindings = bindings().function("publish",
                    payload -> "{\"got\":" + payload + "}").build();

            JsonNode output = output(run(bindings, definition, "{\"refreshId\":\"r-7\"}"));

            assertThat(output.path("Payload")).isEqualTo(JSON.readTree("{\"got\":{\"refreshId\":\"r-7\"}}"));
            assertThat(output.path("StatusCode").asInt()).isEqualTo(200);
            assertThat(output.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
            assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        }

        @Test
        void functionArnResource_passesTheStateInputAndReturnsTheResultItself() throws Exception {
            String definition = """
                    {"StartAt": "Validate", "States": {"Validate": {"Type": "Task",
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:validate", "End": true}}}
                    """;
            Bindings bindings = bindings().function("validate", payload -> "[" + payload + ", true]").build();

            assertThat(output(run(bindings, definition, "{\"key\":\"raw/a.csv\"}")))
                    .isEqualTo(JSON.readTree("[{\"key\":\"raw/a.csv\"}, true]"));
        }

        @Test
        void exception_isCaughtByItsClassNameWithTheLambdaErrorDocumentAsCause() throws Exception {
            String definition = """
                    {"StartAt": "Validate", "States": {
                      "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:validate",
                        "Catch": [{"ErrorEquals": ["java.lang.IllegalArgumentException"], "ResultPath": "$.error", "Next": "Rejected"},
                                  {"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
                        "End": true},
                      "Rejected": {"Type": "Succeed"},
                      "Broken": {"Type": "Fail", "Error": "WrongCatcher"}}}
                    """;
            Bindings bindings = bindings().function("validate", payload -> {
                throw new IllegalArgumentException("track_id has 11 characters");
            }).build();

            ExecutionResult result = run(bindings, definition, "{}");

            JsonNode error = output(result).path("error");
            assertThat(error.path("Error").asText()).isEqualTo("java.lang.IllegalArgumentException");
            JsonNode cause = JSON.readTree(error.path("Cause").asText());
            assertThat(cause.path("errorMessage").asText()).isEqualTo("track_id has 11 characters");
            assertThat(cause.path("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(result.statesEntered()).containsExactly("Validate", "Rejected");
            assertThat(result.statesCaught()).containsExactly("Validate");
        }

        @Test
        void exception_isCaughtByStatesTaskFailed() throws Exception {
            String definition = caughtTask("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"load\"}",
                    "[\"States.TaskFailed\"]");
            Bindings bindings = bindings().function("load", payload -> {
                throw new UncheckedIOException(new IOException("object vanished"));
            }).build();

            JsonNode error = output(run(bindings, definition, "{}")).path("error");

            assertThat(error.path("Error").asText()).isEqualTo("java.io.UncheckedIOException");
            assertThat(JSON.readTree(error.path("Cause").asText()).path("cause").path("errorType").asText())
                    .isEqualTo("java.io.IOException");
        }

        @Test
        void mapIterations_eachInvokeTheFunction() throws Exception {
            String definition = """
                    {"StartAt": "EachDay", "States": {"EachDay": {"Type": "Map", "ItemsPath": "$.days",
                      "ItemProcessor": {"StartAt": "RefreshDay", "States": {"RefreshDay": {"Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "refresh-day", "Payload.$": "$"},
                        "ResultSelector": {"day.$": "$.Payload"}, "End": true}}},
                      "End": true}}}
                    """;
            AtomicInteger calls = new AtomicInteger();
            Bindings bindings = bindings().function("refresh-day", payload -> {
                calls.incrementAndGet();
                return payload;
            }).build();

            assertThat(output(run(bindings, definition, "{\"days\":[\"2024-06-01\",\"2024-06-02\",\"2024-06-03\"]}")))
                    .isEqualTo(JSON.readTree("[{\"day\":\"2024-06-01\"},{\"day\":\"2024-06-02\"},{\"day\":\"2024-06-03\"}]"));
            assertThat(calls).hasValue(3);
        }
    }

    @Nested
    class RedshiftData {
        private final LocalRedshift redshift = LocalRedshift.shared();

        @Test
        void statementResult_comesBackWithPascalCaseMembersAsStepFunctionsGivesThem() throws Exception {
            String definition = """
                    {"StartAt": "Query", "States": {
                      "Query": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:redshiftdata:executeStatement",
                        "Parameters": {"WorkgroupName": "%s", "Database": "%s",
                                       "Sql": "SELECT CAST(:n AS int) * 2 AS doubled",
                                       "Parameters": [{"Name": "n", "Value.$": "$.n"}]},
                        "ResultPath": "$.statement", "Next": "Result"},
                      "Result": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:redshiftdata:getStatementResult",
                        "Parameters": {"Id.$": "$.statement.Id"},
                        "Retry": [{"ErrorEquals": ["RedshiftData.ResourceNotFoundException"], "MaxAttempts": 50}],
                        "ResultSelector": {"doubled.$": "$.Records[0][0].LongValue",
                                           "column.$": "$.ColumnMetadata[0].Name", "rows.$": "$.TotalNumRows"},
                        "End": true}}}
                    """.formatted(redshift.workgroup(), redshift.database());

            assertThat(output(run(bindings().build(), definition, "{\"n\":\"21\"}")))
                    .isEqualTo(JSON.readTree("{\"doubled\":42,\"column\":\"doubled\",\"rows\":1}"));
        }

        @Test
        void errorResponse_isCaughtAsRedshiftDataExceptionWithTheServiceMessage() throws Exception {
            String definition = caughtTask("arn:aws:states:::aws-sdk:redshiftdata:executeStatement",
                    "{\"WorkgroupName\": \"elsewhere\", \"Database\": \"dev\", \"Sql\": \"SELECT 1\"}",
                    "[\"RedshiftData.ValidationException\"]");

            JsonNode error = output(run(bindings().build(), definition, "{}")).path("error");

            assertThat(error.path("Error").asText()).isEqualTo("RedshiftData.ValidationException");
            assertThat(error.path("Cause").asText()).startsWith("Workgroup elsewhere not found")
                    .contains("(Service: RedshiftData, Status Code: 400, Request ID: ");
        }

        @Test
        void camelCaseParameterName_failsTheExecutionAsStepFunctionsWouldRefuseIt() {
            String definition = caughtTask("arn:aws:states:::aws-sdk:redshiftdata:executeStatement",
                    "{\"WorkgroupName\": \"%s\", \"Database\": \"%s\", \"Sql\": \"SELECT :a\", \"Parameters\": [{\"name\": \"a\", \"value\": \"1\"}]}"
                            .formatted(redshift.workgroup(), redshift.database()),
                    "[\"States.ALL\"]");

            ExecutionResult result = run(bindings().build(), definition, "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("LocalStateMachine.InvalidParameters");
            assertThat(result.cause()).contains("parameter 'name' at Parameters.Parameters[0] is not PascalCase")
                    .contains("write 'Name'");
            assertThat(result.statesCaught()).isEmpty();
        }
    }

    @Nested
    class DynamoDb {
        private final LocalCloud cloud = LocalCloud.shared();

        @Test
        void putThenGet_returnsTheItemWithSdkMetadata() throws Exception {
            String ledger = cloud.createLedgerTable("sfn-put-get");
            String definition = """
                    {"StartAt": "Put", "States": {
                      "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                        "Parameters": {"TableName": "%1$s", "Item": {"object_id": {"S.$": "$.id"}, "stage": {"S": "load"},
                                                                    "rows_in": {"N": "12"}}},
                        "ResultPath": null, "Next": "Get"},
                      "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                        "Parameters": {"TableName": "%1$s", "Key": {"object_id": {"S.$": "$.id"}, "stage": {"S": "load"}},
                                       "ConsistentRead": true},
                        "End": true}}}
                    """.formatted(ledger);

            JsonNode output = output(run(bindings().build(), definition, "{\"id\":\"raw/a.csv\"}"));

            assertThat(output.path("Item").path("rows_in")).isEqualTo(JSON.readTree("{\"N\":\"12\"}"));
            assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
            assertThat(output.path("SdkResponseMetadata").path("RequestId").asText()).isNotBlank();
        }

        @Test
        void conditionFailure_isCaughtAsDynamoDbConditionalCheckFailedException() throws Exception {
            String ledger = cloud.createLedgerTable("sfn-condition");
            cloud.dynamoDbClient().putItem(b -> b.tableName(ledger).item(Map.of("object_id", AttributeValue.fromS("a"),
                    "stage", AttributeValue.fromS("load"), "status", AttributeValue.fromS("DONE"))));
            String definition = caughtTask("arn:aws:states:::dynamodb:updateItem", """
                    {"TableName": "%s", "Key": {"object_id": {"S": "a"}, "stage": {"S": "load"}},
                     "UpdateExpression": "SET #s = :running", "ConditionExpression": "#s = :queued",
                     "ExpressionAttributeNames": {"#s": "status"},
                     "ExpressionAttributeValues": {":running": {"S": "RUNNING"}, ":queued": {"S": "QUEUED"}}}
                    """.formatted(ledger), "[\"DynamoDB.ConditionalCheckFailedException\"]");

            JsonNode error = output(run(bindings().build(), definition, "{}")).path("error");

            assertThat(error.path("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
            assertThat(error.path("Cause").asText()).contains("The conditional request failed")
                    .contains("Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException");
        }
    }

    @Nested
    class LocalMistakes {
        @Test
        void unsupportedResource_failsTheExecutionNamingItsArnEvenUnderACatchAll() {
            String definition = caughtTask("arn:aws:states:::sns:publish",
                    "{\"TopicArn\": \"arn:aws:sns:us-east-1:123456789012:alerts\", \"Message\": \"hi\"}",
                    "[\"States.ALL\"]");

            ExecutionResult result = run(bindings().build(), definition, "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("LocalStateMachine.UnsupportedResource");
            assertThat(result.cause()).startsWith("Task state 'Call' has Resource arn:aws:states:::sns:publish, which"
                    + " LocalStateMachine cannot run; it runs arn:aws:states:::aws-sdk:redshiftdata:");
            assertThat(result.statesCaught()).isEmpty();
        }

        @Test
        void unboundFunction_failsTheExecutionNamingTheFunction() {
            String definition = caughtTask("arn:aws:states:::lambda:invoke",
                    "{\"FunctionName\": \"arn:aws:lambda:us-east-1:123456789012:function:backbeat-validate\"}",
                    "[\"States.ALL\"]");

            ExecutionResult result = run(bindings().function("backbeat-load", payload -> "{}").build(), definition, "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("LocalStateMachine.UnboundFunction");
            assertThat(result.cause()).contains("bind no function 'backbeat-validate' (bound: [backbeat-load])");
        }

        @Test
        void invalidDefinition_isRejectedBeforeItRuns() {
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().build())) {
                assertThatThrownBy(() -> machine.run("{\"StartAt\": \"Missing\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}", "{}"))
                        .isInstanceOf(LocalStateMachineException.class)
                        .hasMessageStartingWith("The state machine definition was rejected before it ran: State machine definition is invalid");
            }
        }

        @Test
        void stateNameUsedInTwoBranches_isRejectedBeforeItRuns() {
            String definition = """
                    {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "Read", "States": {"Read": {"Type": "Pass", "End": true}}},
                      {"StartAt": "Read", "States": {"Read": {"Type": "Pass", "End": true}}}]}}}
                    """;
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().build())) {
                assertThatThrownBy(() -> machine.run(definition, "{}"))
                        .isInstanceOf(LocalStateMachineException.class)
                        .hasMessageContaining("State name 'Read' is used more than once");
            }
        }

        @Test
        void jsonataDefinition_isRejectedRatherThanRunAsIfItWereJsonPath() {
            String definition = """
                    {"QueryLanguage": "JSONata", "StartAt": "Sum", "States": {
                      "Sum": {"Type": "Pass", "Output": "{% $states.input.a + 1 %}", "End": true}}}
                    """;
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().build())) {
                assertThatThrownBy(() -> machine.run(definition, "{\"a\":1}"))
                        .isInstanceOf(LocalStateMachineException.class)
                        .hasMessage("The state machine definition was rejected before it ran: The definition uses"
                                + " JSONata (QueryLanguage), which aws-local-stepfunctions 3.0.0 does not evaluate;"
                                + " write it in JSONPath");
            }
        }

        @Test
        void variables_areRejectedRatherThanIgnored() {
            String definition = """
                    {"StartAt": "Remember", "States": {
                      "Remember": {"Type": "Pass", "Assign": {"refreshId.$": "$.refreshId"}, "End": true}}}
                    """;
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().build())) {
                assertThatThrownBy(() -> machine.run(definition, "{}"))
                        .isInstanceOf(LocalStateMachineException.class)
                        .hasMessageContaining("State 'Remember' uses variables (Assign)");
            }
        }

        @Test
        void inputThatIsNotJson_isRefused() {
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().build())) {
                assertThatThrownBy(() -> machine.run("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}", "refresh r-1"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("inputJson is not JSON");
            }
        }
    }

    @Nested
    class Waiting {
        private static final String WAIT_AN_HOUR = """
                {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
                                               "Done": {"Type": "Succeed"}}}
                """;

        @Test
        @Timeout(value = 2, unit = TimeUnit.MINUTES) // the definition waits an hour
        void waitStates_areShortenedByDefault() {
            ExecutionResult result = run(bindings().build(), WAIT_AN_HOUR, "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void executionLongerThanTheRunTimeout_isAbortedAsTimedOut() {
            try (LocalStateMachine machine = LocalStateMachine.start(bindings().definedWaitTimes().build())) {
                ExecutionResult result = machine.run(WAIT_AN_HOUR, "{}", Duration.ofMillis(300));

                assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
                assertThat(result.error()).isEqualTo("States.Timeout");
            }
        }

        @Test
        void definitionTimeoutSeconds_endsTheExecutionTimedOut() {
            String definition = """
                    {"TimeoutSeconds": 1, "StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 30, "End": true}}}
                    """;

            ExecutionResult result = run(bindings().definedWaitTimes().build(), definition, "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(result.error()).isEqualTo("States.Timeout");
        }
    }

    @Test
    void contextObject_namesTheExecutionAndStateMachine() throws Exception {
        String definition = """
                {"StartAt": "Name", "States": {"Name": {"Type": "Pass", "End": true,
                  "Parameters": {"execution.$": "$$.Execution.Name", "id.$": "$$.Execution.Id",
                                 "machine.$": "$$.StateMachine.Name", "input.$": "$$.Execution.Input"}}}}
                """;

        JsonNode output = output(run(bindings().build(), definition, "{\"a\":1}"));

        assertThat(output.path("execution").asText()).startsWith("local-");
        assertThat(output.path("id").asText()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:local:"
                + output.path("execution").asText());
        assertThat(output.path("machine").asText()).isEqualTo("local");
        assertThat(output.path("input")).isEqualTo(JSON.readTree("{\"a\":1}"));
    }

    @Test
    void failStateWithoutCause_endsWithNoCause() {
        String definition = """
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "NothingToRefresh"}}}
                """;

        ExecutionResult result = run(bindings().build(), definition, "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("NothingToRefresh");
        assertThat(result.cause()).isNull();
    }
}
