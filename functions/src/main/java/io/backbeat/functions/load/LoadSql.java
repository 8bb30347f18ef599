package io.backbeat.functions.load;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.events.warehouse.WarehouseIds;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements of one load, run as one transaction: COPY the staged object into a session
 * temporary table, then merge it into its target. Dimensions are upserted on the natural key (the
 * latest load wins); plays are inserted once (rows whose key is already loaded are skipped, so a
 * reloaded object changes nothing). Identifiers come from the contracts; the only values in the text
 * are the load id, the manifest URL and the role ARN, each checked against a strict pattern. Everything
 * a user supplied (the object key) reaches the warehouse as a parameter of {@code load_requests}.
 */
final class LoadSql {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");

    private LoadSql() {}

    static String targetTable(Dataset dataset) {
        return switch (dataset) {
            case USERS -> "dim_users";
            case SONGS -> "dim_songs";
            case STREAMS -> "fact_streams";
        };
    }

    /** Where the manifest of a load lives: a key made only of the load id, so it is safe in SQL text. */
    static String manifestKey(String loadId) {
        WarehouseIds.literal(loadId);
        return "staged/_manifests/" + loadId + ".manifest";
    }

    static List<String> batch(Dataset dataset, String loadId, String bucket, String copyRoleArn) {
        String id = WarehouseIds.literal(loadId);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name");
        }
        if (!ROLE_ARN.matcher(copyRoleArn).matches()) {
            throw new IllegalArgumentException("'" + copyRoleArn + "' is not an IAM role ARN");
        }
        DatasetContract contract = dataset.contract();
        List<Column> staged = contract.stagedColumns();
        String columns = staged.stream().map(Column::name).collect(Collectors.joining(", "));
        String table = targetTable(dataset);
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TEMP TABLE stage_rows (" + staged.stream()
                .map(c -> c.name() + " " + c.type().warehouseType())
                .collect(Collectors.joining(", ")) + ", source_object VARCHAR(1200))");
        statements.add("COPY stage_rows (" + columns + ") FROM 's3://" + bucket + "/" + manifestKey(loadId) + "' IAM_ROLE '"
                + copyRoleArn + "' MANIFEST CSV IGNOREHEADER 1 ZSTD");
        statements.add("UPDATE stage_rows SET source_object = (SELECT object_id FROM load_requests WHERE load_id = " + id + ")");
        String keyMatch = contract.naturalKey().stream()
                .map(k -> "t." + k + " = s." + k)
                .collect(Collectors.joining(" AND "));
        if (dataset == Dataset.STREAMS) {
            statements.add("CREATE TEMP TABLE new_rows AS SELECT s.* FROM stage_rows s WHERE NOT EXISTS (SELECT 1 FROM "
                    + table + " t WHERE " + keyMatch + ")");
            statements.add("INSERT INTO " + table + " (" + columns + ", source_object, load_id, loaded_at) SELECT " + columns
                    + ", source_object, " + id + ", GETDATE() FROM new_rows");
            statements.add("INSERT INTO load_affected_dates (load_id, listen_date) SELECT DISTINCT " + id
                    + ", listen_date FROM new_rows");
            statements.add(finish(id, "(SELECT COUNT(*) FROM new_rows)"));
            return List.copyOf(statements);
        }
        if (dataset == Dataset.SONGS) {
            // Plays of songs that are new or changed: their dates' KPIs change (an orphan play gets its genre).
            String unchanged = staged.stream().map(c -> "t." + c.name() + " = s." + c.name()).collect(Collectors.joining(" AND "));
            statements.add("INSERT INTO load_affected_dates (load_id, listen_date) SELECT DISTINCT " + id
                    + ", f.listen_date FROM fact_streams f JOIN stage_rows s ON s.track_id = f.track_id WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + table + " t WHERE " + unchanged + ")");
        }
        // Users: no KPI reads a user attribute, so a users load touches no date.
        List<String> updated = staged.stream().map(Column::name).filter(name -> !contract.naturalKey().contains(name)).toList();
        String mergeMatch = contract.naturalKey().stream()
                .map(k -> table + "." + k + " = s." + k)
                .collect(Collectors.joining(" AND "));
        statements.add("MERGE INTO " + table + " USING stage_rows s ON " + mergeMatch
                + " WHEN MATCHED THEN UPDATE SET " + updated.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "))
                + ", source_object = s.source_object, load_id = " + id + ", loaded_at = GETDATE()"
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ", source_object, load_id, loaded_at) VALUES ("
                + staged.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", ")) + ", s.source_object, " + id
                + ", GETDATE())");
        statements.add(finish(id, "(SELECT COUNT(*) FROM stage_rows)"));
        return List.copyOf(statements);
    }

    private static String finish(String id, String appliedRows) {
        return "UPDATE load_requests SET rows_copied = (SELECT COUNT(*) FROM stage_rows), rows_applied = " + appliedRows
                + ", finished_at = GETDATE() WHERE load_id = " + id;
    }
}
