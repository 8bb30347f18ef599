package io.backbeat.functions.kpi;

import io.backbeat.events.warehouse.KpiSql;
import io.backbeat.functions.warehouse.StatementRunner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Recomputes the KPI tables for a set of dates in the warehouse: the dates go in as parameters, then
 * {@link KpiSql#REFRESH} replaces each date's rows in all five tables in one transaction.
 */
public final class KpiRefresh {
    private final StatementRunner warehouse;

    public KpiRefresh(StatementRunner warehouse) {
        this.warehouse = warehouse;
    }

    public void refresh(String refreshId, List<LocalDate> dates) {
        recordDates(refreshId, dates);
        warehouse.execute(KpiSql.REFRESH, Map.of(KpiSql.REFRESH_ID, refreshId));
    }

    /** Writes the dates of a refresh to {@code kpi_refresh_dates}, as parameters; the refresh itself reads them there. */
    public void recordDates(String refreshId, List<LocalDate> dates) {
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("a refresh needs at least one date");
        }
        List<LocalDate> sorted = new ArrayList<>(new TreeSet<>(dates));
        for (int from = 0; from < sorted.size(); from += KpiSql.DATES_PER_INSERT) {
            List<LocalDate> chunk = sorted.subList(from, Math.min(sorted.size(), from + KpiSql.DATES_PER_INSERT));
            Map<String, String> parameters = new HashMap<>();
            parameters.put(KpiSql.REFRESH_ID, refreshId);
            for (int i = 0; i < chunk.size(); i++) {
                parameters.put("d" + i, chunk.get(i).toString());
            }
            warehouse.execute(KpiSql.insertDates(chunk.size()), parameters);
        }
    }
}
