package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The {@code kpi-refresh} state machine.
 *
 * @param warehouse where the refresh and the selects run
 * @param ledger where the outcome is recorded, against the loaded object
 * @param publish the function that copies one KPI table's rows to the serving table; its role also runs the
 *     state machine's Redshift statements, so that the function may read their results
 * @param pollInterval the wait between two looks at a running statement
 * @param timeout the longest an execution may run
 * @param logRetention how long the execution history log is kept
 */
public record KpiStateMachineProps(Warehouse warehouse, ITable ledger, StageFunction publish, Duration pollInterval,
        Duration timeout, RetentionDays logRetention) {

    public KpiStateMachineProps {
        Objects.requireNonNull(warehouse, "warehouse must not be null");
        Objects.requireNonNull(ledger, "ledger must not be null");
        Objects.requireNonNull(publish, "publish must not be null");
        Objects.requireNonNull(pollInterval, "pollInterval must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(logRetention, "logRetention must not be null");
    }

    /** Polls every 2 seconds, gives up after an hour, keeps the log a month. */
    public static KpiStateMachineProps of(Warehouse warehouse, ITable ledger, StageFunction publish) {
        return new KpiStateMachineProps(warehouse, ledger, publish, Duration.seconds(2), Duration.hours(1),
                RetentionDays.ONE_MONTH);
    }
}
