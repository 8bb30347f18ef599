package io.backbeat.functions.kpi;

import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes and publishes in the calling process: for tests and local runs without a state machine. The refresh
 * claims every date waiting, the load's among them; concurrent callers are serialized by the procedure's locks.
 */
public final class DirectKpiRefresh implements KpiRefreshStarter {
    private static final Logger LOG = LoggerFactory.getLogger(DirectKpiRefresh.class);

    private final KpiRefresh refresh;
    private final KpiPublisher publisher;

    public DirectKpiRefresh(KpiRefresh refresh, KpiPublisher publisher) {
        this.refresh = refresh;
        this.publisher = publisher;
    }

    @Override
    public void start(String refreshId, List<LocalDate> dates, String objectId) {
        List<String> refreshed = refresh.refresh(refreshId);
        long items = publisher.publish(refreshId);
        LOG.info("KPIs refreshed and published: refresh_id={} dates={} items={}", refreshId, refreshed.size(), items);
    }
}
