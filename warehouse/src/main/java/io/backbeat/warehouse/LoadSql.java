package io.backbeat.warehouse;

import io.backbeat.events.Dataset;
import io.backbeat.events.InputFormat;
import io.backbeat.events.contract.CatalogContract.RecordType;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements of one load, run as one transaction: COPY the staged object into a session
 * temporary table, then merge it into its target. Dimensions are upserted on the natural key (the
 * latest load wins); plays are inserted once (rows whose key is already loaded are skipped, so a
 * reloaded object changes nothing). Identifiers come from the contracts; the only values in the text
 * are the load id, the manifest URL and the role ARN, each checked against a strict pattern. Everything
 * a user supplied (the object key) reaches the warehouse as a parameter of {@code load_requests}, once per
 * load: a loaded row carries its {@code load_id}, which leads to that object, rather than the key itself.
 * Only what the facts need is copied, and no staged row is written twice: COPY, then one set-based
 * statement into the target.
 *
 * <p>Redshift enforces no natural key (constraints are informational) and runs transactions under
 * snapshot isolation, so two loads of overlapping files would both find a key missing and both insert
 * it. The batch therefore starts with {@code LOCK} on its target, before any statement fixes the
 * transaction's snapshot: a second load of the same table waits, then sees the first one's rows
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html). The rest of what a load
 * writes ({@code load_affected_dates}, {@code load_results}) is insert-only, so loads of users and plays still run
 * side by side; a songs or users load, which reads the plays to find the dates its rows change, also locks the plays.
 */
public final class LoadSql {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");

    /**
     * Null handling stated, not left to the default: the default null string of a Redshift COPY is {@code \N},
     * which would turn a text value {@code \N} into NULL. Validate rejects every NUL character, so NUL as the
     * null string matches no staged field: text loads as written, and an empty field of an optional number or
     * date loads as NULL, as COPY always loads empty non-text fields
     * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html,
     * https://docs.aws.amazon.com/redshift/latest/dg/t_preparing-input-data.html). Required text is never
     * empty, so neither EMPTYASNULL nor BLANKSASNULL applies.
     */
    static final String NULL_HANDLING = "NULL AS '\\0'";

    private LoadSql() {}

    public static String targetTable(Dataset dataset) {
        return switch (dataset) {
            case USERS -> "dim_users";
            case SONGS -> "dim_songs";
            case STREAMS -> "fact_streams";
            case EVENTS -> "fact_events";
            case CATALOG -> throw new IllegalArgumentException("the catalogue loads six tables, one per record type;"
                    + " see CatalogContract.RecordType");
        };
    }

    /** The tables a load of {@code dataset} writes: its target, or for the catalogue one per record type. */
    public static List<String> targetTables(Dataset dataset) {
        return dataset == Dataset.CATALOG ? Arrays.stream(RecordType.values()).map(RecordType::table).toList()
                : List.of(targetTable(dataset));
    }

    /** Facts (plays, app events) are inserted once per natural key and sorted by date and hour; dimensions are upserted. */
    private static boolean isFact(Dataset dataset) {
        return dataset == Dataset.STREAMS || dataset == Dataset.EVENTS;
    }

    /** Where the manifest of a load lives: a key made only of the load id, so it is safe in SQL text. */
    public static String manifestKey(String loadId) {
        WarehouseIds.literal(loadId);
        return "staged/_manifests/" + loadId + ".manifest";
    }

    public static List<String> batch(Dataset dataset, String loadId, String bucket, String copyRoleArn) {
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
        String table = dataset == Dataset.CATALOG ? null : targetTable(dataset);
        List<String> statements = new ArrayList<>();
        // A songs or users load also reads the plays (the dates of plays of its songs or users): it waits for a plays
        // load under way, so that its snapshot holds those plays. Otherwise a play committed meanwhile would be
        // refreshed without its song or user by its own load's refresh, and this load, not seeing it, would never ask
        // for its date again.
        statements.add(switch (dataset) {
            case CATALOG -> "LOCK " + String.join(", ", targetTables(dataset));
            case STREAMS, EVENTS -> "LOCK " + table;
            default -> "LOCK " + table + ", " + targetTable(Dataset.STREAMS);
        });
        statements.add("CREATE TEMP TABLE stage_rows (" + staged.stream()
                .map(c -> c.name() + " " + c.type().warehouseType())
                .collect(Collectors.joining(", ")) + ")");
        // An event's absent text (artist and song off NextSong), a catalogue record's columns its kind does not use, are
        // staged empty and load as NULL; every required text of these JSON datasets is non-blank, so EMPTYASNULL turns
        // nothing else into NULL.
        statements.add("COPY stage_rows (" + columns + ") FROM 's3://" + bucket + "/" + manifestKey(loadId) + "' IAM_ROLE '"
                + copyRoleArn + "' MANIFEST CSV IGNOREHEADER 1 ZSTD " + NULL_HANDLING
                + (dataset.inputFormat() == InputFormat.JSON_LINES ? " EMPTYASNULL" : ""));
        if (dataset == Dataset.CATALOG) {
            catalog(statements, id);
            return List.copyOf(statements);
        }
        if (isFact(dataset)) {
            String date = dataset == Dataset.STREAMS ? "listen_date" : "event_date";
            String hour = dataset == Dataset.STREAMS ? "listen_hour" : "event_hour";
            String keyMatch = contract.naturalKey().stream()
                    .map(k -> "t." + k + " = s." + k)
                    .collect(Collectors.joining(" AND "));
            // The first and last staged date, found once (each statement below would otherwise scan the stage for them).
            statements.add("CREATE TEMP TABLE stage_span AS SELECT MIN(" + date + ") AS first_date, MAX(" + date
                    + ") AS last_date FROM stage_rows");
            // A play (an event) is new unless a loaded one has its natural key. The sort key leads the match, and the staged
            // dates bound it, so Redshift reads only those dates' blocks of fact_streams (zone maps), not its
            // history: https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
            String stagedDates = date + " BETWEEN (SELECT first_date FROM stage_span) AND (SELECT last_date FROM stage_span)";
            String isNew = "NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t." + date + " = s." + date + " AND " + keyMatch
                    + " AND t." + stagedDates + ")";
            // In sort key order, so each block of the new rows spans few dates and hours and its zone map
            // lets a refresh of some dates skip it even before Redshift sorts the table:
            // https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-sort-key.html
            statements.add("INSERT INTO " + table + " (" + columns + ", load_id, loaded_at) SELECT "
                    + staged.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", ")) + ", " + id
                    + ", GETDATE() FROM stage_rows s WHERE " + isNew + " ORDER BY s." + date + ", s." + hour);
            // What this load added, per date, read back from the staged dates' blocks by its load id: the dates that
            // got a new play and the number of plays applied come from one scan of the rows just written, rather
            // than from a second comparison of the stage with the history.
            statements.add("CREATE TEMP TABLE load_new_dates AS SELECT " + date + " AS listen_date, COUNT(*) AS plays FROM "
                    + table + " WHERE " + stagedDates + " AND load_id = " + id + " GROUP BY " + date);
            statements.add("INSERT INTO load_affected_dates (load_id, listen_date) SELECT " + id
                    + ", listen_date FROM load_new_dates");
            statements.add(finish(id, "(SELECT COALESCE(SUM(plays), 0) FROM load_new_dates)"));
            return List.copyOf(statements);
        }
        if (dataset == Dataset.SONGS) {
            // Plays of songs that are new or changed: their dates' KPIs change (an orphan play gets its genre).
            String unchanged = staged.stream().map(c -> "t." + c.name() + " = s." + c.name()).collect(Collectors.joining(" AND "));
            statements.add("INSERT INTO load_affected_dates (load_id, listen_date) SELECT DISTINCT " + id
                    + ", f.listen_date FROM fact_streams f JOIN stage_rows s ON s.track_id = f.track_id WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + table + " t WHERE " + unchanged + ")");
        }
        if (dataset == Dataset.USERS) {
            // Plays of users who are new or whose country or age changed: their dates' demographics change (a play of
            // a user not loaded yet counts as 'unknown'). Only those two attributes are read by a KPI. An age may be
            // null, and NULL = NULL is not true in SQL, so equal ages are spelled out.
            statements.add("INSERT INTO load_affected_dates (load_id, listen_date) SELECT DISTINCT " + id
                    + ", f.listen_date FROM fact_streams f JOIN stage_rows s ON s.user_id = f.user_id WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + table + " t WHERE t.user_id = s.user_id AND t.user_country = s.user_country"
                    + " AND (t.user_age = s.user_age OR (t.user_age IS NULL AND s.user_age IS NULL)))");
        }
        List<String> updated = staged.stream().map(Column::name).filter(name -> !contract.naturalKey().contains(name)).toList();
        String mergeMatch = contract.naturalKey().stream()
                .map(k -> table + "." + k + " = s." + k)
                .collect(Collectors.joining(" AND "));
        statements.add("MERGE INTO " + table + " USING stage_rows s ON " + mergeMatch
                + " WHEN MATCHED THEN UPDATE SET " + updated.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "))
                + ", load_id = " + id + ", loaded_at = GETDATE()"
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ", load_id, loaded_at) VALUES ("
                + staged.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", ")) + ", " + id
                + ", GETDATE())");
        statements.add(finish(id, "(SELECT COUNT(*) FROM stage_rows)"));
        return List.copyOf(statements);
    }

    /**
     * The catalogue's six tables from one stage of records: each kind copied out once (Redshift's MERGE takes a table as
     * its source, not a query: https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html), artists, albums and tracks
     * merged on their ids (a later extraction updates them), and the genres and credits of every artist, album and track
     * staged replaced whole, so one the API no longer lists goes. No KPI reads the catalogue yet: no affected dates.
     */
    private static void catalog(List<String> statements, String id) {
        statements.add("CREATE TEMP TABLE stage_artists AS SELECT id, name, followers, popularity FROM stage_rows"
                + " WHERE record_type = 'artist'");
        statements.add("CREATE TEMP TABLE stage_albums AS SELECT id, name, album_type, release_date, release_date_precision,"
                + " total_tracks FROM stage_rows WHERE record_type = 'album'");
        statements.add("CREATE TEMP TABLE stage_tracks AS SELECT id, album_id, name, track_number, disc_number, duration_ms,"
                + " explicit FROM stage_rows WHERE record_type = 'track'");
        statements.add(merge("dim_artists", "artist_id", "stage_artists", List.of("name", "followers", "popularity"), id));
        statements.add(merge("dim_albums", "album_id", "stage_albums",
                List.of("name", "album_type", "release_date", "release_date_precision", "total_tracks"), id));
        statements.add(merge("dim_tracks", "track_id", "stage_tracks",
                List.of("album_id", "name", "track_number", "disc_number", "duration_ms", "explicit"), id));
        replace(statements, "dim_artist_genres", "artist_id", "stage_artists", "artist_genre", "genre", id);
        replace(statements, "dim_album_artists", "album_id", "stage_albums", "album_artist", "artist_id, position", id);
        replace(statements, "dim_track_artists", "track_id", "stage_tracks", "track_artist", "artist_id, position", id);
        statements.add(finish(id, "(SELECT COUNT(*) FROM stage_rows)"));
    }

    private static String merge(String table, String key, String source, List<String> columns, String id) {
        return "MERGE INTO " + table + " USING " + source + " s ON " + table + "." + key + " = s.id"
                + " WHEN MATCHED THEN UPDATE SET " + columns.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "))
                + ", load_id = " + id + ", loaded_at = GETDATE()"
                + " WHEN NOT MATCHED THEN INSERT (" + key + ", " + String.join(", ", columns) + ", load_id, loaded_at) VALUES (s.id, "
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ", " + id + ", GETDATE())";
    }

    /** The links of every owner staged (its genres, its credits): deleted, then inserted as staged. */
    private static void replace(List<String> statements, String table, String key, String owners, String recordType,
            String columns, String id) {
        statements.add("DELETE FROM " + table + " WHERE " + key + " IN (SELECT id FROM " + owners + ")");
        statements.add("INSERT INTO " + table + " (" + key + ", " + columns + ", load_id, loaded_at) SELECT id, " + columns
                + ", " + id + ", GETDATE() FROM stage_rows WHERE record_type = '" + recordType + "'");
    }

    private static String finish(String id, String appliedRows) {
        return "INSERT INTO load_results (load_id, rows_copied, rows_applied, finished_at) SELECT " + id
                + ", (SELECT COUNT(*) FROM stage_rows), " + appliedRows + ", GETDATE()";
    }
}
