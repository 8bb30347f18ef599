package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Lambda tasks answered by {@link LambdaFunction}s in this JVM, with the results and errors shaped
 * as Step Functions shapes a Lambda invocation's.
 */
final class LocalFunctions {
    private static final int MAX_CAUSE_DEPTH = 5;

    private final Map<String, LambdaFunction> functions;
    private final ObjectMapper json;

    LocalFunctions(Map<String, LambdaFunction> functions, ObjectMapper json) {
        this.functions = functions;
        this.json = json;
    }

    /**
     * {@code arn:aws:states:::lambda:invoke}: the result is Lambda's Invoke response as the optimized
     * integration returns it, the function's result in {@code Payload}.
     */
    TaskOutcome invoke(String state, JsonNode parameters) {
        JsonNode functionName = parameters.path("FunctionName");
        if (!functionName.isTextual()) {
            return TaskOutcome.local(LocalErrors.INVALID_PARAMETERS, "Task state '" + state
                    + "' invokes lambda:invoke without a FunctionName string in its Parameters: " + parameters);
        }
        String invocationType = parameters.path("InvocationType").asText("RequestResponse");
        if (!invocationType.equals("RequestResponse")) {
            return TaskOutcome.local(LocalErrors.UNSUPPORTED_RESOURCE, "Task state '" + state
                    + "' invokes with InvocationType " + invocationType + "; only RequestResponse runs locally");
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : json.createObjectNode();
        TaskOutcome outcome = call(state, functionName.asText(), payload);
        if (!(outcome instanceof TaskOutcome.Result result)) {
            return outcome;
        }
        String requestId = UUID.randomUUID().toString();
        ObjectNode response = json.createObjectNode();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", result.value());
        ObjectNode http = response.putObject("SdkHttpMetadata");
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", "$LATEST");
        headers.put("x-amzn-RequestId", requestId);
        ObjectNode allHeaders = http.putObject("AllHttpHeaders");
        headers.properties().forEach(header -> allHeaders.putArray(header.getKey()).add(header.getValue()));
        http.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        return new TaskOutcome.Result(response);
    }

    /** {@code arn:aws:lambda:…:function:NAME} as the Resource: the function's result is the task's result. */
    TaskOutcome invokeArn(String state, String functionName, JsonNode input) {
        return call(state, functionName, input);
    }

    private TaskOutcome call(String state, String nameOrArn, JsonNode payload) {
        String name = FunctionNames.of(nameOrArn);
        LambdaFunction function = functions.get(name);
        if (function == null) {
            return TaskOutcome.local(LocalErrors.UNBOUND_FUNCTION, "Task state '" + state + "' invokes Lambda function '"
                    + nameOrArn + "', but the Bindings bind no function '" + name + "' (bound: "
                    + new TreeSet<>(functions.keySet()) + "); add Bindings.builder().function(\"" + name
                    + "\", payload -> ...)");
        }
        String reply;
        try {
            reply = function.invoke(json.writeValueAsString(payload));
        } catch (Exception e) {
            // The Lambda Java runtime reports the exception's class name as errorType, which Step
            // Functions makes the error name, and its error document as the cause.
            return new TaskOutcome.Failure(e.getClass().getName(), errorDocument(e).toString(), true);
        }
        if (reply == null || reply.isBlank()) {
            return new TaskOutcome.Result(NullNode.getInstance());
        }
        try {
            return new TaskOutcome.Result(json.readTree(reply));
        } catch (JsonProcessingException e) {
            return TaskOutcome.local(LocalErrors.BINDING_FAILED, "Lambda function '" + name + "' (Task state '" + state
                    + "') returned text that is not JSON: " + abbreviate(reply));
        }
    }

    /** The Lambda Java runtime's error document: errorMessage, errorType, stackTrace and nested cause. */
    private ObjectNode errorDocument(Throwable error) {
        ObjectNode document = json.createObjectNode();
        ObjectNode current = document;
        for (int depth = 0; error != null && depth < MAX_CAUSE_DEPTH; depth++, error = error.getCause()) {
            if (depth > 0) {
                current = current.putObject("cause");
            }
            current.put("errorMessage", error.getMessage());
            current.put("errorType", error.getClass().getName());
            ArrayNode stackTrace = current.putArray("stackTrace");
            for (StackTraceElement frame : error.getStackTrace()) {
                stackTrace.add(frame.toString());
            }
        }
        return document;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
