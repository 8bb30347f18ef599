package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.localcloud.cloud.LocalClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Amazon States Language definitions on this machine, with their Task states bound to the local
 * cloud: <a href="https://github.com/nibble-4bits/aws-local-stepfunctions">aws-local-stepfunctions</a>
 * (in Node 22) interprets the definition, and every Task state calls back into this JVM, which
 * answers it by its Resource (see the package documentation for what is bound and how errors are
 * named).
 *
 * <pre>{@code
 * try (LocalStateMachine machine = LocalStateMachine.start(Bindings.builder()
 *         .localCloud(LocalCloud.shared())
 *         .localRedshift(LocalRedshift.shared())
 *         .function("publish", payload -> "{\"published\":true}")
 *         .build())) {
 *     ExecutionResult result = machine.run(definitionJson, "{\"refreshId\":\"r-1\"}");
 *     // result.status(), result.output(), result.error(), result.cause(), result.statesEntered()
 * }
 * }</pre>
 *
 * <p>The first {@link #start} in a JVM installs Node 22 and aws-local-stepfunctions with npm if the
 * cache lacks them (once per machine, about 15 s; see the package documentation) and starts Node
 * (about half a second); later machines share that Node process and start at once. A machine is
 * thread-safe: executions may run concurrently.
 *
 * <p>{@link #start} throws {@link LocalStateMachineException} when npm or Node cannot be installed or
 * started; {@link #run} throws it when the definition is rejected (not valid ASL, a state name used
 * twice) or Node dies, and {@link IllegalArgumentException} when the definition or input is not JSON.
 * An execution that fails is a result, not an exception.
 */
public final class LocalStateMachine implements AutoCloseable {
    /** How long {@link #run(String, String)} waits for an execution to end. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStateMachine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_MACHINE_NAME = "local";
    private static final String ARN_PREFIX = "arn:aws:states:" + LocalClients.REGION.id() + ":000000000000:";

    private final Bindings bindings;
    private final NodeRunner runner;
    private final TaskDispatcher dispatcher;
    private final LocalExecutions executions = new LocalExecutions();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStateMachine(Bindings bindings, NodeRunner runner) {
        this.bindings = bindings;
        this.runner = runner;
        this.dispatcher = new TaskDispatcher(bindings, JSON, executions);
    }

    /** The state machine's ARN, {@code $$.StateMachine.Id} in every execution. */
    public static String stateMachineArn() {
        return ARN_PREFIX + "stateMachine:" + STATE_MACHINE_NAME;
    }

    /** The ARN of the execution named {@code name}, {@code $$.Execution.Id} in it. */
    public static String executionArn(String name) {
        return ARN_PREFIX + "execution:" + STATE_MACHINE_NAME + ":" + name;
    }

    /**
     * How an execution of this machine stands, as DescribeExecution names it (RUNNING, SUCCEEDED, FAILED, TIMED_OUT,
     * ABORTED); empty for an ARN it never ran.
     */
    public java.util.Optional<String> executionStatus(String executionArn) {
        return executions.status(executionArn);
    }

    /**
     * Installs the runner if needed and starts its Node process, which {@link #start(Bindings)} then reuses: a caller
     * that starts other servers too can do this on a thread of its own meanwhile.
     */
    public static void prepare() {
        NodeRunner.of(RunnerInstallation.find(), JSON);
    }

    /** A machine whose Task states call what {@code bindings} binds; close it to release its HTTP client. */
    public static LocalStateMachine start(Bindings bindings) {
        Objects.requireNonNull(bindings, "bindings must not be null");
        return new LocalStateMachine(bindings, NodeRunner.of(RunnerInstallation.find(), JSON));
    }

    /** Runs one execution to its end, waiting at most {@link #DEFAULT_RUN_TIMEOUT}. */
    public ExecutionResult run(String definitionJson, String inputJson) {
        return run(definitionJson, inputJson, DEFAULT_RUN_TIMEOUT);
    }

    /**
     * Runs one execution of {@code definitionJson} with {@code inputJson} as its input and returns how
     * it ended. If it has not ended within {@code timeout}, it is aborted and the result is
     * {@link ExecutionStatus#TIMED_OUT} with error {@code States.Timeout} and no events.
     *
     * @param definitionJson an ASL definition in JSONPath (plain JSON: CDK tokens resolved)
     * @param inputJson the execution input, any JSON value
     */
    public ExecutionResult run(String definitionJson, String inputJson, Duration timeout) {
        return run(definitionJson, inputJson, "local-" + UUID.randomUUID(), timeout);
    }

    /**
     * {@link #run(String, String, Duration)} as an execution named {@code name} ({@code $$.Execution.Name}; its ARN
     * is {@link #executionArn(String)}). Aborted when {@code timeout} passes: the result is TIMED_OUT, and
     * DescribeExecution says ABORTED, as Step Functions does for a StopExecution.
     *
     * @throws IllegalStateException starting {@code ExecutionAlreadyExists} when an execution of that name ran
     */
    public ExecutionResult run(String definitionJson, String inputJson, String name, Duration timeout) {
        Objects.requireNonNull(name, "name must not be null");
        JsonNode definition = parse(definitionJson, "definitionJson");
        if (!definition.isObject()) {
            throw new IllegalArgumentException("definitionJson must be a JSON object, was: " + abbreviate(definitionJson));
        }
        JsonNode input = parse(inputJson, "inputJson");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (closed.get()) {
            throw new IllegalStateException("This LocalStateMachine is closed; start another");
        }
        String arn = executionArn(name);
        if (!executions.started(arn, name, stateMachineArn())) {
            throw new IllegalStateException("ExecutionAlreadyExists: an execution named '" + name + "' already ran on this"
                    + " LocalStateMachine (" + arn + "); Step Functions refuses a second StartExecution of a name");
        }
        String runId = runner.nextRunId();
        ObjectNode request = request(runId, definition, input, name);
        long started = System.nanoTime();
        JsonNode ending;
        try {
            ending = runner.submit(runId, request, dispatcher).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            executions.ended(arn, "ABORTED");
            runner.abort(runId);
            LOG.warn("Execution {} did not end within {}; aborted", runId, timeout);
            return new ExecutionResult(ExecutionStatus.TIMED_OUT, null, "States.Timeout", "LocalStateMachine stopped"
                    + " waiting after " + timeout + " and aborted the execution", List.of(), since(started));
        } catch (ExecutionException e) {
            executions.ended(arn, "FAILED");
            throw new LocalStateMachineException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            executions.ended(arn, "ABORTED");
            runner.abort(runId);
            Thread.currentThread().interrupt();
            throw new LocalStateMachineException("Interrupted while waiting for execution " + runId, e);
        }
        if (ending.path("op").asText().equals("rejected")) {
            executions.ended(arn, "FAILED");
            throw new LocalStateMachineException("The state machine definition was rejected before it ran: "
                    + ending.path("reason").asText());
        }
        ExecutionResult result = result(ending, since(started));
        executions.ended(arn, result.status().name());
        LOG.debug("Execution {} ended {} in {} ms", runId, result.status(), result.duration().toMillis());
        return result;
    }

    private ObjectNode request(String runId, JsonNode definition, JsonNode input, String name) {
        ObjectNode request = JSON.createObjectNode().put("op", "run").put("run", runId);
        request.set("definition", definition);
        request.set("input", input);
        // The context object ($$) as Step Functions fills it; the library adds Execution.Input and StartTime.
        ObjectNode context = request.putObject("context");
        context.putObject("Execution").put("Id", executionArn(name)).put("Name", name);
        context.putObject("StateMachine").put("Id", stateMachineArn()).put("Name", STATE_MACHINE_NAME);
        // $$.State.EnteredTime: the runner answers it as each state reads it (runner.mjs).
        bindings.waitTime().ifPresentOrElse(wait -> request.put("waitMillis", wait.toMillis()),
                () -> request.putNull("waitMillis"));
        bindings.retryInterval().ifPresentOrElse(interval -> request.put("retryMillis", interval.toMillis()),
                () -> request.putNull("retryMillis"));
        return request;
    }

    private static ExecutionResult result(JsonNode ending, Duration duration) {
        ExecutionStatus status = switch (ending.path("status").asText()) {
            case "SUCCEEDED" -> ExecutionStatus.SUCCEEDED;
            case "TIMED_OUT" -> ExecutionStatus.TIMED_OUT;
            case "FAILED" -> ExecutionStatus.FAILED;
            default -> throw new LocalStateMachineException("The Node runner ended a run as " + ending.path("status"));
        };
        List<ExecutionEvent> events = new ArrayList<>();
        for (JsonNode event : ending.path("events")) {
            events.add(new ExecutionEvent(event.path("type").asText(), text(event, "state"), text(event, "error"),
                    text(event, "cause"), Instant.ofEpochMilli(event.path("timestamp").asLong())));
        }
        String output = status == ExecutionStatus.SUCCEEDED ? ending.path("output").toString() : null;
        return new ExecutionResult(status, output, text(ending, "error"), text(ending, "cause"), events, duration);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parse(String text, String what) {
        Objects.requireNonNull(text, what + " must not be null");
        try {
            JsonNode node = JSON.readTree(text);
            if (node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty; give a JSON value ({} for an empty input)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON (" + e.getOriginalMessage() + "): " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Releases this machine's HTTP client; the shared Node process stays for other machines. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dispatcher.close();
        }
    }
}
