package io.backbeat.events;

import java.util.List;
import java.util.Objects;

/**
 * The input of the {@code kpi-refresh} state machine, as load starts it. The execution is named after
 * {@code batchId}, so a second start for the same load is refused by Step Functions.
 *
 * @param batchId the refresh id (the load id): letters, digits and dashes
 * @param dates the listen dates to recompute, {@code YYYY-MM-DD}, already recorded in {@code kpi_refresh_dates}
 * @param objectId the loaded object's ledger identity; the outcome is recorded against it
 */
public record KpiRefreshInput(String batchId, List<String> dates, String objectId) {
    /** Ledger stage under which the state machine records its outcome. */
    public static final Stage LEDGER_STAGE = Stage.KPI_REFRESH;

    public KpiRefreshInput {
        Objects.requireNonNull(batchId, "batchId must not be null");
        Objects.requireNonNull(objectId, "objectId must not be null");
        dates = List.copyOf(dates);
    }
}
