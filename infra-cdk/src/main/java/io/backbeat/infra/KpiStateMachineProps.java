package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The {@code kpi-refresh} state machine.
 *
 * @param warehouse where the refresh and the selects run
 * @param ledger where the outcome is recorded, against the loaded object, and where the refresh lease lives
 * @param publish the function that copies one KPI table's rows to the serving table; its role also runs the
 *     state machine's Redshift statements, so that the function may read their results
 * @param polling how the state machine waits for a running statement
 * @param timeout the longest an execution may run
 * @param logRetention how long the execution history log is kept
 */
public record KpiStateMachineProps(Warehouse warehouse, ITable ledger, DeployedFunction publish, Polling polling,
        Duration timeout, RetentionDays logRetention) {

    public KpiStateMachineProps {
        Objects.requireNonNull(warehouse, "warehouse must not be null");
        Objects.requireNonNull(ledger, "ledger must not be null");
        Objects.requireNonNull(publish, "publish must not be null");
        Objects.requireNonNull(polling, "polling must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(logRetention, "logRetention must not be null");
        if (polling.statementDeadline().toSeconds().longValue() >= timeout.toSeconds().longValue()) {
            throw new IllegalArgumentException("polling.statementDeadline (" + polling.statementDeadline().toSeconds().longValue()
                    + " s) must be shorter than timeout (" + timeout.toSeconds().longValue() + " s), or a statement outlives the"
                    + " execution that should cancel it");
        }
    }

    /**
     * How a running Redshift statement is polled: the first wait, doubled after each check up to the longest wait,
     * until the statement ends or has been waited for {@code statementDeadline}, when it is cancelled.
     *
     * @param firstWait at least 5 seconds: shorter checks only spend history events
     * @param longestWait at least {@code firstWait}
     * @param statementDeadline at least {@code firstWait}
     */
    public record Polling(Duration firstWait, Duration longestWait, Duration statementDeadline) {
        /** The shortest first wait: a statement is rarely done sooner, and each check costs history events. */
        public static final int MINIMUM_WAIT_SECONDS = 5;

        public Polling {
            Objects.requireNonNull(firstWait, "firstWait must not be null");
            Objects.requireNonNull(longestWait, "longestWait must not be null");
            Objects.requireNonNull(statementDeadline, "statementDeadline must not be null");
            if (firstWait.toSeconds().longValue() < MINIMUM_WAIT_SECONDS) {
                throw new IllegalArgumentException("firstWait must be at least " + MINIMUM_WAIT_SECONDS + " s, got "
                        + firstWait.toSeconds().longValue() + " s (local runs shorten every Wait through the runner's Bindings instead)");
            }
            if (longestWait.toSeconds().longValue() < firstWait.toSeconds().longValue()) {
                throw new IllegalArgumentException("longestWait (" + longestWait.toSeconds().longValue() + " s) must be at least firstWait ("
                        + firstWait.toSeconds().longValue() + " s)");
            }
            if (statementDeadline.toSeconds().longValue() < firstWait.toSeconds().longValue()) {
                throw new IllegalArgumentException("statementDeadline (" + statementDeadline.toSeconds().longValue()
                        + " s) must be at least firstWait (" + firstWait.toSeconds().longValue() + " s)");
            }
        }

        /** 5 s, then 10, 20, 30, 30…; a statement still running after 45 minutes is cancelled. */
        public static Polling defaults() {
            return new Polling(Duration.seconds(5), Duration.seconds(30), Duration.minutes(45));
        }
    }

    /** {@link Polling#defaults()}, gives up after an hour, keeps the log a month. */
    public static KpiStateMachineProps of(Warehouse warehouse, ITable ledger, DeployedFunction publish) {
        return new KpiStateMachineProps(warehouse, ledger, publish, Polling.defaults(), Duration.hours(1),
                RetentionDays.ONE_MONTH);
    }
}
