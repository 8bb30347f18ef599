package io.backbeat.cli.bench;

import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's anchor computes what the warehouse computes: on the lab sample its five KPI tables equal the
 * independent reference, so a warehouse-to-anchor time ratio compares the same work.
 */
class DuckDbAnchorTest {

    @Test
    void theAnchorsKpisOnTheLabSampleEqualTheReference(@TempDir Path directory) throws Exception {
        Path lab = LabSample.extractTo(directory);
        try (DuckDbAnchor anchor = DuckDbAnchor.open()) {
            anchor.load(lab);
            anchor.refresh();

            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(anchor::newConnection),
                    KpiReference.compute(List.of(lab.resolve("songs.csv")),
                            List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv"))));
        }
    }
}
