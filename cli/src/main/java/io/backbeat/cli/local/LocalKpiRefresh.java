package io.backbeat.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.KpiRefreshInput;
import io.backbeat.fixtures.stepfunctions.ExecutionResult;
import io.backbeat.fixtures.stepfunctions.LocalStateMachine;
import io.backbeat.functions.kpi.KpiRefresh;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts the synthesized kpi-refresh state machine on the local Step Functions runner, as the load
 * function starts it in AWS: the dates are recorded first, then an execution named by the refresh id
 * runs in the background (a second start with the same name is refused, as Step Functions refuses it).
 */
final class LocalKpiRefresh implements KpiRefreshStarter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An execution and how it ended.
     *
     * @param result the result, or null when the runner refused to run it ({@code refusal} says why)
     */
    record Execution(String name, KpiRefreshInput input, ExecutionResult result, String refusal) {}

    private final KpiRefresh refresh;
    private final LocalStateMachine stateMachine;
    private final String definition;
    private final Activity activity;
    private final Duration timeout;
    private final ExecutorService executions = Executors.newCachedThreadPool(EventDelivery.daemon("local-sfn-execution"));
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final List<Execution> finished = new CopyOnWriteArrayList<>();

    LocalKpiRefresh(KpiRefresh refresh, LocalStateMachine stateMachine, String definition, Activity activity, Duration timeout) {
        this.refresh = refresh;
        this.stateMachine = stateMachine;
        this.definition = definition;
        this.activity = activity;
        this.timeout = timeout;
    }

    @Override
    public void start(String refreshId, List<LocalDate> dates, String objectId) {
        if (!started.add(refreshId)) {
            return; // ExecutionAlreadyExists: the load that started it is being retried
        }
        refresh.recordDates(refreshId, dates);
        KpiRefreshInput input = new KpiRefreshInput(refreshId, dates.stream().map(LocalDate::toString).toList(), objectId);
        String json;
        try {
            json = JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        activity.begin();
        executions.execute(() -> {
            try {
                finished.add(new Execution(refreshId, input, stateMachine.run(definition, json, timeout), null));
            } catch (RuntimeException e) {
                finished.add(new Execution(refreshId, input, null, e.getMessage()));
            } finally {
                activity.end();
            }
        });
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
