package io.backbeat.events;

import java.util.List;
import java.util.Objects;

/**
 * The input of the {@code kpi-refresh} state machine, as load starts it (and as an execution starts its successor).
 * The execution is named after {@code refreshId}, so a second start for the same load is refused by Step Functions.
 * The refresh itself claims every date waiting in {@code load_affected_dates}; {@code dates} says what the load
 * changed and travels along unread, so no state copies it (ResultPath keeps each state's result beside the input).
 *
 * @param refreshId the refresh id (the load id, or for a successor a UUID): letters, digits and dashes
 * @param dates the listen dates the starting load changed, {@code YYYY-MM-DD} (empty for a successor)
 * @param objectId the loaded object's ledger identity; the outcome is recorded against it (for a successor
 *     {@link #SUCCESSOR_PREFIX} and its name)
 */
public record KpiRefreshInput(String refreshId, List<String> dates, String objectId) {
    /** Ledger stage under which the state machine records its outcome. */
    public static final Stage LEDGER_STAGE = Stage.KPI_REFRESH;
    /** The ledger identity of a successor execution (started by the state machine itself) is this and its name. */
    public static final String SUCCESSOR_PREFIX = "kpi-refresh:";

    public KpiRefreshInput {
        Objects.requireNonNull(refreshId, "refreshId must not be null");
        Objects.requireNonNull(objectId, "objectId must not be null");
        dates = List.copyOf(dates);
    }
}
