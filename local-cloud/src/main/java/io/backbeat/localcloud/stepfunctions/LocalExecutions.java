package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions one {@link LocalStateMachine} started, by ARN, with their status as DescribeExecution names it
 * (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED): what {@code aws-sdk:sfn:describeExecution} tasks are answered
 * from. An ARN it never saw is answered as Step Functions answers an execution it does not know:
 * {@code Sfn.ExecutionDoesNotExistException}.
 */
final class LocalExecutions {
    private final Map<String, Execution> byArn = new ConcurrentHashMap<>();

    private record Execution(String name, String stateMachineArn, String status) {}

    /** Registers a new RUNNING execution; false when the ARN is taken (StartExecution's ExecutionAlreadyExists). */
    boolean started(String arn, String name, String stateMachineArn) {
        return byArn.putIfAbsent(arn, new Execution(name, stateMachineArn, "RUNNING")) == null;
    }

    void ended(String arn, String status) {
        byArn.computeIfPresent(arn, (key, execution) -> new Execution(execution.name(), execution.stateMachineArn(), status));
    }

    Optional<String> status(String arn) {
        return Optional.ofNullable(byArn.get(arn)).map(Execution::status);
    }

    /** Answers {@code aws-sdk:sfn:<operation>}; only DescribeExecution is bound. */
    TaskOutcome describe(String operation, JsonNode parameters) {
        JsonNode arn = parameters.get("ExecutionArn");
        if (!"DescribeExecution".equals(operation) || arn == null || !arn.isTextual()) {
            return TaskOutcome.local(LocalErrors.INVALID_PARAMETERS, "aws-sdk:sfn:" + operation + " needs ExecutionArn"
                    + " (PascalCase); only describeExecution is bound locally");
        }
        Execution execution = byArn.get(arn.asText());
        if (execution == null) {
            return new TaskOutcome.Failure("Sfn.ExecutionDoesNotExistException", "Execution Does Not Exist: '" + arn.asText()
                    + "' (Service: Sfn, Status Code: 400, Request ID: " + UUID.randomUUID() + ")", true);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("ExecutionArn", arn.asText())
                .put("Name", execution.name())
                .put("StateMachineArn", execution.stateMachineArn())
                .put("Status", execution.status());
        return new TaskOutcome.Result(result);
    }
}
