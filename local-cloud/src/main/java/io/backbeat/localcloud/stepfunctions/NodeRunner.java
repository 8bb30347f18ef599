package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Node process running runner.mjs, shared by every {@link LocalStateMachine} of the JVM: starting
 * Node and loading aws-local-stepfunctions costs about half a second, which a test suite should pay
 * once. Executions run concurrently; each names its run id, and each Task call is answered by the
 * {@link TaskDispatcher} of the machine that submitted the run, on a virtual thread of its own (a
 * Parallel state's branches call at once). The protocol is described in runner.mjs. A shutdown hook
 * closes Node's stdin, which ends it.
 */
final class NodeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);
    private static final long READY_SECONDS = 30;
    private static final int STDERR_LINES_KEPT = 30;
    private static final Map<Path, NodeRunner> RUNNERS = new HashMap<>();

    private record Run(TaskDispatcher dispatcher, CompletableFuture<JsonNode> ending) {}

    private final Process process;
    private final Writer stdin;
    private final ObjectMapper json;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final AtomicLong runIds = new AtomicLong();
    private volatile LocalStateMachineException death;

    private NodeRunner(Process process, ObjectMapper json) {
        this.process = process;
        this.json = json;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** The running runner of {@code installation}, started (or started again, after it died) if needed. */
    static synchronized NodeRunner of(RunnerInstallation installation, ObjectMapper json) {
        NodeRunner runner = RUNNERS.get(installation.directory());
        if (runner == null || runner.death != null || !runner.process.isAlive()) {
            runner = start(installation, json);
            RUNNERS.put(installation.directory(), runner);
        }
        return runner;
    }

    private static NodeRunner start(RunnerInstallation installation, ObjectMapper json) {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(installation.node().toString(), installation.script().toString())
                .directory(installation.directory().toFile());
        // Options meant for other Node programs (a debugger, a loader) must not reach this one.
        builder.environment().remove("NODE_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot start " + installation.node() + " " + installation.script(), e);
        }
        NodeRunner runner = new NodeRunner(process, json);
        runner.daemon("stepfunctions-runner-stdout", runner::readStdout);
        runner.daemon("stepfunctions-runner-stderr", runner::readStderr);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "stepfunctions-runner-shutdown"));
        JsonNode ready;
        try {
            ready = runner.ready.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new LocalStateMachineException("The Node runner " + installation.script() + " did not start within "
                    + READY_SECONDS + " s; its stderr ends:\n" + runner.stderrTail(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalStateMachineException("Interrupted while the Node runner started", e);
        }
        LOG.info("Node runner started in {} ms: Node {}, aws-local-stepfunctions {}, pid {}",
                (System.nanoTime() - started) / 1_000_000, ready.path("node").asText(),
                ready.path("library").asText(), process.pid());
        return runner;
    }

    private void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    String nextRunId() {
        return "run-" + runIds.incrementAndGet();
    }

    /**
     * Sends a run request; the future completes with the runner's {@code finished} or
     * {@code rejected} message, or fails with {@link LocalStateMachineException} if Node dies.
     */
    CompletableFuture<JsonNode> submit(String runId, ObjectNode request, TaskDispatcher dispatcher) {
        CompletableFuture<JsonNode> ending = new CompletableFuture<>();
        runs.put(runId, new Run(dispatcher, ending));
        try {
            send(request);
        } catch (LocalStateMachineException e) {
            runs.remove(runId);
            throw e;
        }
        return ending;
    }

    /** Asks Node to abort a run that no one waits for any more; its Task calls get no answers they need. */
    void abort(String runId) {
        runs.remove(runId);
        ObjectNode abort = json.createObjectNode().put("op", "abort").put("run", runId);
        try {
            send(abort);
        } catch (LocalStateMachineException e) {
            LOG.debug("Could not abort {}: the Node runner is gone", runId, e);
        }
    }

    private void send(JsonNode message) {
        LocalStateMachineException dead = death;
        if (dead != null) {
            throw new LocalStateMachineException(dead.getMessage(), dead);
        }
        try {
            String line = json.writeValueAsString(message) + "\n";
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot write to the Node runner (pid " + process.pid()
                    + "); its stderr ends:\n" + stderrTail(), e);
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                receive(line);
            }
        } catch (IOException e) {
            LOG.debug("Reading the Node runner's stdout ended", e);
        } finally {
            died();
        }
    }

    private void receive(String line) {
        JsonNode message;
        try {
            message = json.readTree(line);
        } catch (JsonProcessingException e) {
            LOG.warn("The Node runner printed: {}", line);
            return;
        }
        switch (message.path("op").asText()) {
            case "ready" -> ready.complete(message);
            case "task" -> tasks.execute(() -> answer(message));
            case "finished", "rejected" -> {
                Run run = runs.remove(message.path("run").asText());
                if (run != null) {
                    run.ending().complete(message);
                }
            }
            default -> LOG.warn("The Node runner sent a message of no known op: {}", line);
        }
    }

    private void answer(JsonNode task) {
        String state = task.path("state").asText();
        Run run = runs.get(task.path("run").asText());
        TaskOutcome outcome;
        if (run == null) {
            outcome = TaskOutcome.local(LocalErrors.BINDING_FAILED, "Task state '" + state
                    + "' belongs to a run that was aborted or is unknown");
        } else {
            try {
                JsonNode resource = task.path("resource");
                outcome = run.dispatcher().dispatch(state, resource.isTextual() ? resource.asText() : null,
                        task.path("credentials"), task.path("input"));
            } catch (RuntimeException | Error e) {
                // Whatever happens, Node must get an answer, or the Task would hang until its timeout.
                LOG.error("Task state '{}' failed in the local bindings", state, e);
                outcome = TaskOutcome.local(LocalErrors.BINDING_FAILED, "Task state '" + state
                        + "' failed in the local bindings: " + e);
            }
        }
        ObjectNode reply = json.createObjectNode().put("call", task.path("call").asText());
        switch (outcome) {
            case TaskOutcome.Result result -> reply.put("op", "task-result").set("result", result.value());
            case TaskOutcome.Failure failure -> reply.put("op", "task-error").put("error", failure.error())
                    .put("cause", failure.cause()).put("catchable", failure.catchable());
        }
        try {
            send(reply);
        } catch (LocalStateMachineException e) {
            LOG.debug("Could not answer Task state '{}': the Node runner is gone", state, e);
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.warn("Node runner: {}", line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("Reading the Node runner's stderr ended", e);
        }
    }

    private String stderrTail() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "(nothing)" : String.join("\n", stderrTail);
        }
    }

    private void died() {
        String exit;
        try {
            exit = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "unknown exit";
        }
        LocalStateMachineException failure = new LocalStateMachineException("The Node runner (pid " + process.pid()
                + ") stopped (" + exit + "); its stderr ends:\n" + stderrTail());
        death = failure;
        ready.completeExceptionally(failure);
        runs.values().forEach(run -> run.ending().completeExceptionally(failure));
        runs.clear();
        tasks.shutdown();
    }

    private void stop() {
        try {
            synchronized (stdin) {
                stdin.close();
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
