package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.localcloud.cloud.LocalClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the Task states of one {@link LocalStateMachine}'s executions by their Resource: the Redshift
 * Data API and DynamoDB over HTTP to the bound local endpoints, Lambda functions in this JVM.
 */
final class TaskDispatcher implements AutoCloseable {
    // DynamoDB Local rejects a request without a SigV4-shaped Authorization header, and accepts any
    // whose access key is letters and digits; it checks no signature.
    private static final String DYNAMODB_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential="
            + LocalClients.CREDENTIALS.resolveCredentials().accessKeyId() + "/20240101/" + LocalClients.REGION.id()
            + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=0";

    private final HttpClient http;
    private final Optional<AwsJsonEndpoint> redshiftData;
    private final Optional<AwsJsonEndpoint> dynamoDb;
    private final LocalFunctions functions;
    private final ObjectMapper json;
    private final Bindings.TaskListener listener;
    private final Bindings bindings;
    private final LocalExecutions executions;

    TaskDispatcher(Bindings bindings, ObjectMapper json, LocalExecutions executions) {
        this.json = json;
        this.bindings = bindings;
        this.executions = executions;
        this.listener = bindings.taskListener();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.redshiftData = bindings.redshiftDataEndpoint().map(endpoint -> new AwsJsonEndpoint(http, json, endpoint,
                "RedshiftData.", "application/x-amz-json-1.1", Map.of()));
        this.dynamoDb = bindings.dynamoDbEndpoint().map(endpoint -> new AwsJsonEndpoint(http, json, endpoint,
                "DynamoDB_20120810.", "application/x-amz-json-1.0", Map.of("Authorization", DYNAMODB_AUTHORIZATION)));
        this.functions = new LocalFunctions(bindings.functions(), json);
    }

    /**
     * Runs one Task.
     *
     * @param state the Task state's name
     * @param resource its Resource (null if it has none)
     * @param credentials its Credentials field ({@code {RoleArn}}), or a missing or null node
     * @param input its effective input: the state input after InputPath and Parameters
     */
    TaskOutcome dispatch(String state, String resource, JsonNode credentials, JsonNode input) {
        listener.taskStarted(state);
        try {
            return switch (TaskResource.parse(resource)) {
                case TaskResource.RedshiftData call -> redshiftData(state, resource, call.operation(), credentials, input);
                case TaskResource.StartExecution ignored -> startExecution(state, resource, input);
                case TaskResource.Sfn call -> executions.describe(call.operation(), input);
                case TaskResource.DynamoDb call -> dynamoDb(state, resource, call.operation(), input);
                case TaskResource.LambdaInvoke ignored -> functions.invoke(state, input);
                case TaskResource.LambdaFunctionArn call -> functions.invokeArn(state, call.functionName(), input);
                case TaskResource.Unsupported unsupported -> TaskOutcome.local(LocalErrors.UNSUPPORTED_RESOURCE,
                        "Task state '" + state + "' has Resource " + unsupported.resource()
                                + ", which LocalStateMachine cannot run; it runs " + TaskResource.SUPPORTED);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutcome.local(LocalErrors.BINDING_FAILED, "Task state '" + state + "' (" + resource
                    + ") was interrupted");
        } catch (IOException e) {
            return TaskOutcome.local(LocalErrors.BINDING_FAILED, "Task state '" + state + "' (" + resource
                    + ") could not call its local endpoint: " + e);
        }
    }

    private TaskOutcome redshiftData(String state, String resource, String operation, JsonNode credentials,
            JsonNode parameters) throws IOException, InterruptedException {
        if (redshiftData.isEmpty()) {
            return notBound(state, resource, "redshiftDataEndpoint", ".localRedshift(LocalRedshift.shared())");
        }
        JsonNode request;
        try {
            request = SdkMemberNames.toWire(parameters, TaskResource.REDSHIFT_DATA_CAMEL_CASE_MEMBERS, "Parameters");
        } catch (IllegalArgumentException e) {
            return TaskOutcome.local(LocalErrors.INVALID_PARAMETERS, "Task state '" + state + "' (" + resource
                    + "): " + e.getMessage());
        }
        AwsJsonEndpoint.Response response = redshiftData.get().call(operation, request, roleAuthorization(credentials));
        if (response.ok()) {
            return new TaskOutcome.Result(SdkMemberNames.fromWire(response.body()));
        }
        // AWS SDK integrations name errors <Service>.<Name>Exception and give the SDK's message as cause.
        String exception = response.errorName().endsWith("Exception") ? response.errorName()
                : response.errorName() + "Exception";
        return new TaskOutcome.Failure("RedshiftData." + exception, response.errorMessage()
                + " (Service: RedshiftData, Status Code: " + response.status() + ", Request ID: "
                + response.requestId() + ")", true);
    }

    private TaskOutcome dynamoDb(String state, String resource, String operation, JsonNode parameters)
            throws IOException, InterruptedException {
        if (dynamoDb.isEmpty()) {
            return notBound(state, resource, "dynamoDbEndpoint", ".localCloud(LocalCloud.shared())");
        }
        AwsJsonEndpoint.Response response = dynamoDb.get().call(operation, parameters);
        if (!response.ok()) {
            // The optimized integration runs on the AWS SDK for Java 1.x; this is its message format.
            return new TaskOutcome.Failure("DynamoDB." + response.errorName(), response.errorMessage()
                    + " (Service: AmazonDynamoDBv2; Status Code: " + response.status() + "; Error Code: "
                    + response.errorName() + "; Request ID: " + response.requestId() + "; Proxy: null)", true);
        }
        // The optimized integration returns the SDK's response object, HTTP metadata included.
        ObjectNode result = response.body().isObject() ? (ObjectNode) response.body() : json.createObjectNode();
        ObjectNode metadata = result.putObject("SdkHttpMetadata");
        metadata.putObject("HttpHeaders").put("Content-Type", "application/x-amz-json-1.0")
                .put("x-amzn-RequestId", String.valueOf(response.requestId()));
        metadata.put("HttpStatusCode", response.status());
        result.putObject("SdkResponseMetadata").put("RequestId", String.valueOf(response.requestId()));
        return new TaskOutcome.Result(result);
    }

    /**
     * A Task with {@code Credentials: {RoleArn}} runs as that role in AWS (Step Functions assumes it): locally its
     * requests carry the access key id the bindings give for the role's name, in a SigV4-shaped header (the local
     * services check no signature), so the local Redshift runs its statements as {@code IAMR:<role name>}.
     */
    private Map<String, String> roleAuthorization(JsonNode credentials) {
        JsonNode roleArn = credentials == null ? null : credentials.get("RoleArn");
        if (roleArn == null || !roleArn.isTextual() || bindings.accessKeyForRole().isEmpty()) {
            return Map.of();
        }
        String arn = roleArn.asText();
        String roleName = arn.substring(arn.lastIndexOf('/') + 1);
        String accessKey = bindings.accessKeyForRole().get().apply(roleName);
        return Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20240101/" + LocalClients.REGION.id()
                + "/redshift-data/aws4_request, SignedHeaders=host;x-amz-target, Signature=0");
    }

    /**
     * {@code states:startExecution} (request-response): the bound starter starts the execution in the background;
     * the result is {@code {ExecutionArn}} (StartDate is left out locally). A name already used fails the task with
     * {@code StepFunctions.ExecutionAlreadyExistsException}, the optimized integration's name for StartExecution's
     * ExecutionAlreadyExists.
     */
    private TaskOutcome startExecution(String state, String resource, JsonNode parameters) {
        if (bindings.executionStarter().isEmpty()) {
            return notBound(state, resource, "executionStarter", ".executionStarter(...)");
        }
        JsonNode machine = parameters.get("StateMachineArn");
        if (machine == null || !machine.isTextual()) {
            return TaskOutcome.local(LocalErrors.INVALID_PARAMETERS, "Task state '" + state + "' (" + resource
                    + ") has no StateMachineArn");
        }
        String name = parameters.hasNonNull("Name") ? parameters.get("Name").asText() : java.util.UUID.randomUUID().toString();
        JsonNode input = parameters.path("Input");
        String inputJson = input.isMissingNode() ? "{}" : input.isTextual() ? input.asText() : input.toString();
        try {
            String arn = bindings.executionStarter().get().start(machine.asText(), name, inputJson);
            ObjectNode result = json.createObjectNode().put("ExecutionArn", arn);
            return new TaskOutcome.Result(result);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("ExecutionAlreadyExists")) {
                return new TaskOutcome.Failure("StepFunctions.ExecutionAlreadyExistsException", e.getMessage(), true);
            }
            throw e;
        }
    }

    private static TaskOutcome notBound(String state, String resource, String binding, String fix) {
        return TaskOutcome.local(LocalErrors.BINDING_FAILED, "Task state '" + state + "' calls " + resource
                + ", but the Bindings have no " + binding + "; add Bindings.builder()" + fix);
    }

    @Override
    public void close() {
        http.close();
    }
}
