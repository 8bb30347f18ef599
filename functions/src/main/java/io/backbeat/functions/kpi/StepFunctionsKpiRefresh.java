package io.backbeat.functions.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.KpiRefreshInput;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the {@code kpi-refresh} state machine for a load: an execution named after the refresh id (the load id),
 * so that a load retried after it started one does not start a second (Step Functions refuses the duplicate name).
 * The execution's refresh claims the load's dates from {@code load_affected_dates} itself, or, when another
 * execution holds the refresh lease, registers as pending so that the holder starts one successor that does.
 */
public final class StepFunctionsKpiRefresh implements KpiRefreshStarter {
    private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsKpiRefresh.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsKpiRefresh(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(String refreshId, List<LocalDate> dates, String objectId) {
        String input;
        try {
            input = JSON.writeValueAsString(new KpiRefreshInput(refreshId, dates.stream().map(LocalDate::toString).toList(), objectId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the state machine input", e);
        }
        try {
            String execution = sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(refreshId).input(input)).executionArn();
            LOG.info("KPI refresh started: refresh_id={} dates={} execution={}", refreshId, dates.size(), execution);
        } catch (ExecutionAlreadyExistsException e) {
            LOG.info("KPI refresh already started: refresh_id={}", refreshId);
        }
    }
}
