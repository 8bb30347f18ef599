package io.backbeat.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.functions.ledger.LedgerItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    private static LedgerItem item(Stage stage, String key, LedgerStatus status, long rowsIn) {
        return new LedgerItem("s3://b/" + key + "#e", stage.id(), status, key, "streams", "2024-06-25T10:00:00Z", null, 0, 1,
                rowsIn, rowsIn, 0, Map.of(), List.of(), null, null, List.of(), null);
    }

    @Test
    void theLineCountsObjectsThroughEachStageRowsReadAndTheRefreshStepWhileOneRuns() {
        int[] running = {1};
        RunProgress progress = new RunProgress(null, null, 3, () -> running[0]);
        List<LedgerItem> ledger = List.of(
                item(Stage.VALIDATE, "raw/streams/a.csv", LedgerStatus.SUCCEEDED, 1_200),
                item(Stage.VALIDATE, "raw/streams/b.csv", LedgerStatus.IN_PROGRESS, 34),
                item(Stage.TRANSFORM, "validated/streams/a.csv.zst", LedgerStatus.SUCCEEDED, 1_200));
        progress.taskStarted("Run refresh statements");

        assertThat(progress.line(ledger)).matches(
                "\\[\\d\\d:\\d\\d] validate 1/3 transform 1/3 load 0/3 \\| 1,234 rows read \\| kpi-refresh: Run refresh statements");

        running[0] = 0;
        List<LedgerItem> refreshed = new java.util.ArrayList<>(ledger);
        refreshed.add(new LedgerItem("r-1", Stage.KPI_REFRESH.id(), LedgerStatus.SUCCEEDED, null, null, null, null, 0, 0, 0, 0, 0,
                Map.of(), List.of(), null, null, List.of(), "r-1"));
        assertThat(progress.line(refreshed)).endsWith("| kpi-refresh 1 done");
    }
}
