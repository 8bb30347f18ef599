package io.backbeat.functions.kpi;

import java.time.LocalDate;
import java.util.List;

/** Starts the KPI refresh of some listen dates after a load changed them. */
public interface KpiRefreshStarter {

    /**
     * @param refreshId an id of letters, digits and dashes: a retry with the same id repeats the same refresh
     * @param dates the dates to recompute, at least one
     * @param objectId the ledger identity of the object whose load changed them
     */
    void start(String refreshId, List<LocalDate> dates, String objectId);
}
