package io.backbeat.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.KpiRefreshInput;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.kpi.RefreshMonitor;
import io.backbeat.localcloud.stepfunctions.ExecutionResult;
import io.backbeat.localcloud.stepfunctions.ExecutionStatus;
import io.backbeat.localcloud.stepfunctions.LocalStateMachine;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the synthesized kpi-refresh state machine on the local Step Functions runner, as the load function starts
 * it in AWS: an execution named by the refresh id runs in the background (a second start with the same name is
 * refused, as Step Functions refuses it). The state machine's own {@code states:startExecution} tasks (a holder
 * starting its successor) come here too.
 *
 * <p>It also plays the EventBridge rule of the {@code RefreshMonitor}: an execution that ends FAILED, TIMED_OUT or
 * ABORTED is handed to the same {@link RefreshMonitor} code the deployed function runs, as a "Step Functions
 * Execution Status Change" event would be.
 */
final class LocalKpiRefresh implements KpiRefreshStarter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKpiRefresh.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An execution and how it ended.
     *
     * @param input its input as JSON text
     * @param result the result, or null when the runner refused to run it ({@code refusal} says why)
     * @param monitored what the refresh monitor did about it, or null when the rule would not have fired
     */
    record Execution(String name, String input, ExecutionResult result, String refusal, RefreshMonitor.Outcome monitored) {
        /** True for an execution the state machine started itself: a holder's successor. */
        boolean successor() {
            return input.contains("\"objectId\":\"" + KpiRefreshInput.SUCCESSOR_PREFIX);
        }
    }

    private final LocalStateMachine stateMachine;
    private final String definition;
    private final Activity activity;
    private final Duration timeout;
    private final RefreshMonitor monitor;
    private final ExecutorService executions = Executors.newCachedThreadPool(EventDelivery.daemon("local-sfn-execution"));
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final List<Execution> finished = new CopyOnWriteArrayList<>();

    /**
     * @param monitor what the EventBridge rule would invoke for an execution that did not succeed
     */
    LocalKpiRefresh(LocalStateMachine stateMachine, String definition, Activity activity, Duration timeout,
            RefreshMonitor monitor) {
        this.stateMachine = stateMachine;
        this.definition = withoutStatementDeadlines(definition);
        this.activity = activity;
        this.timeout = timeout;
        this.monitor = monitor;
    }

    @Override
    public void start(String refreshId, List<LocalDate> dates, String objectId) {
        String input;
        try {
            input = JSON.writeValueAsString(new KpiRefreshInput(refreshId, dates.stream().map(LocalDate::toString).toList(), objectId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            startExecution(refreshId, input);
        } catch (IllegalStateException alreadyStarted) {
            LOG.info("KPI refresh already started: refresh_id={}", refreshId); // the load that started it is being retried
        }
    }

    /**
     * Starts an execution in the background and returns its ARN, as StartExecution does.
     *
     * @throws IllegalStateException starting {@code ExecutionAlreadyExists} for a name already used
     */
    String startExecution(String name, String input) {
        if (!started.add(name)) {
            throw new IllegalStateException("ExecutionAlreadyExists: Execution Already Exists: '"
                    + LocalStateMachine.executionArn(name) + "'");
        }
        activity.begin();
        executions.execute(() -> {
            try {
                ExecutionResult result = stateMachine.run(definition, input, name, timeout);
                finished.add(new Execution(name, input, result, null, monitored(name, input, result)));
            } catch (RuntimeException e) {
                finished.add(new Execution(name, input, null, e.getMessage(), null));
            } finally {
                activity.end();
            }
        });
        return LocalStateMachine.executionArn(name);
    }

    /** The EventBridge rule forwards TIMED_OUT, ABORTED and FAILED; a run the runner aborted at its timeout is ABORTED. */
    private RefreshMonitor.Outcome monitored(String name, String input, ExecutionResult result) {
        if (result.status() == ExecutionStatus.SUCCEEDED) {
            return null;
        }
        String arn = LocalStateMachine.executionArn(name);
        String status = stateMachine.executionStatus(arn).orElse(result.status().name());
        return monitor.executionEnded(new RefreshMonitor.StatusChange(arn, name, status, input, result.error(), result.cause()));
    }

    /**
     * The definition with its statement deadlines lifted. The runner shortens every Wait to milliseconds, so the
     * seconds a polling loop counts as waited no longer measure time: a statement of a few real seconds would pass a
     * 45-minute deadline and be cancelled. Locally the execution's run timeout bounds a statement instead; the
     * deadline and its CancelStatement are tested on the definition as synthesized.
     */
    static String withoutStatementDeadlines(String definition) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(definition);
            liftDeadlines(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the state machine definition is not JSON", e);
        }
    }

    private static void liftDeadlines(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("NumericGreaterThanEquals")
                && "$.poll.waited".equals(object.path("Variable").asText())) {
            object.put("NumericGreaterThanEquals", Integer.MAX_VALUE);
        }
        node.forEach(LocalKpiRefresh::liftDeadlines);
    }

    /** Executions started and not yet ended. */
    int running() {
        return started.size() - finished.size();
    }

    List<Execution> executions() {
        return List.copyOf(finished);
    }

    void close() {
        executions.shutdownNow();
    }
}
