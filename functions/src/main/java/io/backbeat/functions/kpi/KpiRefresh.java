package io.backbeat.functions.kpi;

import io.backbeat.warehouse.KpiSql;
import io.backbeat.functions.warehouse.StatementRunner;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the KPI tables in the warehouse: {@link KpiSql#REFRESH} claims every date that loads recorded in
 * {@code load_affected_dates} and no refresh has claimed yet, records them in {@code kpi_refresh_dates} under the
 * refresh id, and replaces those dates' rows in every KPI table, in one transaction (migrations V005, V007, V008, V009).
 */
public final class KpiRefresh {
    private final StatementRunner warehouse;

    public KpiRefresh(StatementRunner warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Refreshes what is waiting to be refreshed, under {@code refreshId}.
     *
     * @return the dates this refresh id recomputed (none when another refresh had claimed everything)
     */
    public List<String> refresh(String refreshId) {
        warehouse.execute(KpiSql.REFRESH, Map.of(KpiSql.REFRESH_ID, refreshId));
        return warehouse.execute("SELECT DISTINCT listen_date FROM kpi_refresh_dates WHERE refresh_id = :" + KpiSql.REFRESH_ID
                        + " ORDER BY listen_date", Map.of(KpiSql.REFRESH_ID, refreshId))
                .firstColumn();
    }
}
