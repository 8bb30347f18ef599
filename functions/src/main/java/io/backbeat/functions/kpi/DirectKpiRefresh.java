package io.backbeat.functions.kpi;

import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refreshes and publishes in the calling process: for tests and local runs without a state machine. */
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
        refresh.refresh(refreshId, dates);
        long items = publisher.publish(refreshId);
        LOG.info("KPIs refreshed and published: refresh_id={} dates={} items={}", refreshId, dates.size(), items);
    }
}
