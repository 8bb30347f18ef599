package io.backbeat.functions.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.Dataset;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.stage.ObjectStage;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObjectInfo;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.warehouse.LoadSql;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load: COPYs a staged object into the warehouse and merges it into its table in one transaction
 * ({@link LoadSql}), then starts the KPI refresh of the listen dates it changed. The schema is the
 * warehouse setup's business ({@code WarehouseSetup}, run as the admin on every deploy): load's
 * database user may write its tables but create none. The object is never read by the function: Redshift reads it through a manifest written
 * next to it, whose key is made of the load id only.
 */
public final class LoadStage implements ObjectStage {
    private static final Logger LOG = LoggerFactory.getLogger(LoadStage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatementRunner warehouse;
    private final String copyRoleArn;
    private final KpiRefreshStarter refresh;
    private final LoadsInFlight inFlight;

    /**
     * @param inFlight where the load marks itself in flight, from before it writes to the warehouse until it has
     *     started the refresh of what it committed, so that a refresh started meanwhile waits for it
     */
    public LoadStage(StatementRunner warehouse, String copyRoleArn, KpiRefreshStarter refresh, LoadsInFlight inFlight) {
        this.warehouse = warehouse;
        this.copyRoleArn = copyRoleArn;
        this.refresh = refresh;
        this.inFlight = inFlight;
    }

    @Override
    public Stage stage() {
        return Stage.LOAD;
    }

    @Override
    public StageResult process(ZoneKey key, ObjectVersion version, ObjectStore store) throws IOException {
        Dataset dataset = key.dataset().orElseThrow(() -> new IllegalArgumentException(
                "staged object " + key.key() + " names no dataset; only transform writes staged/"));
        StoredObjectInfo info = store.describe(key.key(), version);
        String source = store.locate(key.key());
        String objectId = source + "#" + version.identity();
        LoadsInFlight.Marker marker = inFlight.begin(objectId);
        try {
            String loadId = UUID.randomUUID().toString();
            String bucket = bucketOf(store.locate(LoadSql.manifestKey(loadId)));
            writeManifest(store, loadId, source);
            warehouse.execute("INSERT INTO load_requests (load_id, object_id, dataset, requested_at)"
                    + " VALUES (:load_id, :object_id, :dataset, GETDATE())",
                    Map.of("load_id", loadId, "object_id", objectId, "dataset", dataset.id()));
            warehouse.executeBatch(LoadSql.batch(dataset, loadId, bucket, copyRoleArn));
            QueryResult counts = warehouse.execute("SELECT rows_copied, rows_applied FROM load_results WHERE load_id = :load_id",
                    Map.of("load_id", loadId));
            long copied = Long.parseLong(counts.value(0, "rows_copied"));
            long applied = Long.parseLong(counts.value(0, "rows_applied"));
            List<String> dates = warehouse.execute(
                            "SELECT DISTINCT listen_date FROM load_affected_dates WHERE load_id = :load_id ORDER BY listen_date",
                            Map.of("load_id", loadId))
                    .firstColumn();
            LOG.info("load finished: object={} table={} load_id={} rows_copied={} rows_applied={} dates={}", source,
                    String.join(",", LoadSql.targetTables(dataset)), loadId, copied, applied, dates.size());
            if (!dates.isEmpty()) {
                refresh.start(loadId, dates.stream().map(LocalDate::parse).toList(), objectId);
            }
            return new StageResult(Stage.LOAD, dataset, source, copied, copied, 0, Map.of(), null, info.size(), 0,
                    LoadSql.targetTables(dataset).stream().map(table -> "redshift:" + table).toList(), List.of(), List.of(), dates);
        } finally {
            // In flight until its dates are handed to a refresh (or it failed): a holder waiting for it then finds its
            // execution registered, and takes its dates along instead of owing it a successor.
            marker.end();
        }
    }

    private static void writeManifest(ObjectStore store, String loadId, String objectUrl) throws IOException {
        byte[] manifest = JSON.writeValueAsBytes(Map.of("entries", List.of(Map.of("url", objectUrl, "mandatory", true))));
        try (ObjectOutput output = store.create(LoadSql.manifestKey(loadId), "application/json")) {
            output.write(manifest);
        }
    }

    /** The bucket of an {@code s3://bucket/key} location; COPY reads only from S3. */
    static String bucketOf(String location) {
        if (!location.startsWith("s3://") || location.indexOf('/', 5) < 0) {
            throw new IllegalStateException("load needs an S3 store; got location " + location);
        }
        return location.substring(5, location.indexOf('/', 5));
    }
}
