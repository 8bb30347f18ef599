package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.warehouse.KpiSql;
import io.backbeat.functions.warehouse.StatementFailedException;
import io.backbeat.functions.warehouse.WarehouseSetup;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse setup the stack runs on every deploy, on the local Redshift, where each function's statements run as
 * its role's database user as on Redshift: it can run again, and it gives each user what its function needs and no
 * more. That it is enough is shown by every warehouse test, whose loads and refreshes run as these users.
 */
class WarehouseSetupTest {
    @TempDir
    Path spill;

    @Test
    void runningTheSetupAgainChangesNothingAndFailsNothing() {
        WarehouseHarness harness = new WarehouseHarness(spill);

        new WarehouseSetup(harness.warehouse).apply(WarehouseHarness.LOAD_ROLE, WarehouseHarness.REFRESH_ROLE);

        assertThat(harness.query("SELECT usename FROM pg_user WHERE usename LIKE 'IAMR:backbeat-local-%' ORDER BY usename"))
                .extracting(row -> row.get("usename"))
                .containsExactly("IAMR:" + WarehouseHarness.LOAD_ROLE, "IAMR:" + WarehouseHarness.REFRESH_ROLE);
        assertThat(harness.query("SELECT version FROM schema_migrations GROUP BY version HAVING COUNT(*) > 1")).isEmpty();
    }

    @Test
    void theLoadUserWritesTheFactsButNeitherReadsTheKpisNorRunsTheRefresh() {
        WarehouseHarness harness = new WarehouseHarness(spill);

        assertThat(harness.loadWarehouse.execute("SELECT current_user AS who", Map.of()).value(0, "who"))
                .isEqualTo("IAMR:" + WarehouseHarness.LOAD_ROLE);
        harness.loadWarehouse.executeBatch(java.util.List.of("LOCK fact_streams",
                "INSERT INTO load_requests (load_id, object_id, dataset, requested_at) VALUES ('l-1', 'o', 'streams', GETDATE())"));
        assertThatThrownBy(() -> harness.loadWarehouse.execute("SELECT * FROM " + KpiSql.HOURLY, Map.of()))
                .isInstanceOf(StatementFailedException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> harness.loadWarehouse.execute(KpiSql.REFRESH, Map.of(KpiSql.REFRESH_ID, "r-1")))
                .isInstanceOf(StatementFailedException.class).hasMessageContaining("permission denied");
    }

    @Test
    void theRefreshUserReplacesKpisButCannotChangeTheFacts() {
        WarehouseHarness harness = new WarehouseHarness(spill);

        assertThat(harness.refreshWarehouse.execute("SELECT COUNT(*) AS n FROM fact_streams", Map.of()).value(0, "n"))
                .isEqualTo("0");
        assertThatThrownBy(() -> harness.refreshWarehouse.execute("DELETE FROM fact_streams", Map.of()))
                .isInstanceOf(StatementFailedException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> harness.refreshWarehouse.execute("INSERT INTO dim_songs SELECT * FROM dim_songs", Map.of()))
                .isInstanceOf(StatementFailedException.class).hasMessageContaining("permission denied");
    }
}
