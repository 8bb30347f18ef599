package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the runner answers for Step Functions' own API and for Tasks that run as another role. */
class ExecutionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startExecution_callsTheBoundStarterAndAUsedNameFailsWithTheIntegrationsErrorName() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        Bindings bindings = Bindings.builder().executionStarter((machine, name, input) -> {
            if (started.stream().anyMatch(s -> s.startsWith(name + " "))) {
                throw new IllegalStateException("ExecutionAlreadyExists: " + name);
            }
            started.add(name + " " + machine + " " + input);
            return LocalStateMachine.executionArn(name);
        }).build();
        String definition = """
                {"StartAt": "Start", "States": {"Start": {"Type": "Task",
                  "Resource": "arn:aws:states:::states:startExecution",
                  "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id", "Name": "successor",
                                 "Input": {"refreshId": "successor", "startedBy.$": "$$.Execution.Id"}},
                  "ResultSelector": {"arn.$": "$.ExecutionArn"}, "ResultPath": "$.started",
                  "Catch": [{"ErrorEquals": ["StepFunctions.ExecutionAlreadyExistsException"], "ResultPath": "$.error",
                             "Next": "Already"}],
                  "End": true},
                  "Already": {"Type": "Succeed"}}}
                """;
        try (LocalStateMachine machine = LocalStateMachine.start(bindings)) {
            ExecutionResult first = machine.run(definition, "{}", "holder", Duration.ofSeconds(30));
            ExecutionResult second = machine.run(definition, "{}", "holder-2", Duration.ofSeconds(30));

            assertThat(JSON.readTree(first.output()).at("/started/arn").asText()).isEqualTo(LocalStateMachine.executionArn("successor"));
            assertThat(started).singleElement().isEqualTo("successor " + LocalStateMachine.stateMachineArn()
                    + " {\"refreshId\":\"successor\",\"startedBy\":\"" + LocalStateMachine.executionArn("holder") + "\"}");
            assertThat(JSON.readTree(second.output()).at("/error/Error").asText())
                    .isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
        }
    }

    @Test
    void describeExecution_answersFromTheMachinesOwnExecutionsAndAnUnknownArnDoesNotExist() throws Exception {
        String describe = """
                {"StartAt": "Describe", "States": {"Describe": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
                  "Parameters": {"ExecutionArn.$": "$.arn"}, "ResultSelector": {"Status.$": "$.Status"}, "ResultPath": "$.holder",
                  "Catch": [{"ErrorEquals": ["Sfn.ExecutionDoesNotExistException"], "ResultPath": "$.holder", "Next": "Gone"}],
                  "End": true},
                  "Gone": {"Type": "Succeed"}}}
                """;
        try (LocalStateMachine machine = LocalStateMachine.start(Bindings.builder().build())) {
            machine.run("{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}", "{}", "finished",
                    Duration.ofSeconds(30));

            JsonNode known = JSON.readTree(machine.run(describe, "{\"arn\": \"" + LocalStateMachine.executionArn("finished") + "\"}",
                    Duration.ofSeconds(30)).output());
            JsonNode unknown = JSON.readTree(machine.run(describe, "{\"arn\": \"" + LocalStateMachine.executionArn("never") + "\"}",
                    Duration.ofSeconds(30)).output());

            assertThat(known.at("/holder/Status").asText()).isEqualTo("SUCCEEDED");
            assertThat(unknown.at("/holder/Error").asText()).isEqualTo("Sfn.ExecutionDoesNotExistException");
            assertThat(machine.executionStatus(LocalStateMachine.executionArn("finished"))).contains("SUCCEEDED");
        }
    }

    @Test
    void credentialsRoleArn_signsRedshiftCallsWithTheRolesAccessKey_seenByARecordingEndpoint() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"Id\":\"statement-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        try (LocalStateMachine machine = LocalStateMachine.start(Bindings.builder()
                .redshiftDataEndpoint(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()))
                .accessKeyForRole(role -> role.equals("BackbeatPublishRole") ? "AKIDPUBLISH1" : "AKIDOTHER")
                .build())) {
            String definition = """
                    {"StartAt": "AsRole", "States": {
                      "AsRole": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:redshiftdata:executeStatement",
                        "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/BackbeatPublishRole"},
                        "Parameters": {"WorkgroupName": "w", "Database": "d", "Sql": "SELECT 1"}, "ResultPath": "$.a",
                        "Next": "AsItself"},
                      "AsItself": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:redshiftdata:executeStatement",
                        "Parameters": {"WorkgroupName": "w", "Database": "d", "Sql": "SELECT 1"}, "ResultPath": "$.b",
                        "End": true}}}
                    """;
            assertThat(machine.run(definition, "{}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        } finally {
            endpoint.stop(0);
        }

        assertThat(authorizations).hasSize(2);
        assertThat(authorizations.get(0)).startsWith("AWS4-HMAC-SHA256 Credential=AKIDPUBLISH1/");
        assertThat(authorizations.get(1)).doesNotContain("AKIDPUBLISH1");
    }
}
