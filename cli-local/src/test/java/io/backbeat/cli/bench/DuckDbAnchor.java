package io.backbeat.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The anchor of the warehouse benchmark: DuckDB, one thread, loading the same CSV files as {@code backbeat bench
 * warehouse} (users, songs, plays) with the contracts' rules that decide which rows count (required fields, ranges,
 * the plays' natural key once, a song's first row), then computing the five KPI tables of shared/KPI-SPEC.md with
 * the same rules as the warehouse. It is a yardstick, not a product part: it lives in the tests, and
 * {@code DuckDbAnchorTest} checks that its KPIs equal the independent reference on the lab sample.
 *
 * <p>Run it with {@link DuckDbAnchorRun} on the {@code data} folder of the bench's JSON line. Prints, as its last line, {@code {"anchor":"duckdb","threads":1,"load_s":…,"refresh_s":…,"plays":…}}.
 */
public final class DuckDbAnchor implements AutoCloseable {
    private final Connection connection;

    private DuckDbAnchor(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB on one thread, in UTC. */
    public static DuckDbAnchor open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
            statement.execute("SET TimeZone = 'UTC'");
        }
        return new DuckDbAnchor(connection);
    }

    /** Another connection to the same in-memory database, which the caller closes. */
    public Connection newConnection() {
        try {
            return connection.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not open another connection to the anchor's database", e);
        }
    }

    /** Loads {@code users.csv}, {@code songs.csv} and every {@code streams*.csv} of {@code folder}. */
    public void load(Path folder) throws SQLException {
        String users = csv(folder.resolve("users.csv"));
        String songs = csv(folder.resolve("songs.csv"));
        String streams = csv(folder.resolve("streams*.csv"));
        execute(
                "CREATE OR REPLACE TABLE dim_users AS SELECT * FROM (SELECT TRY_CAST(trim(user_id) AS BIGINT) AS user_id,"
                        + " trim(user_name) AS user_name, TRY_CAST(trim(user_age) AS SMALLINT) AS user_age,"
                        + " trim(user_country) AS user_country, TRY_CAST(trim(created_at) AS DATE) AS created_at,"
                        + " row_number() OVER () AS line FROM " + users + ")"
                        + " WHERE user_id > 0 AND user_name <> '' AND user_country <> '' AND created_at IS NOT NULL"
                        + " QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY line) = 1",
                // Credits trimmed, empty and repeated ones dropped, in order; genre trimmed and lower-cased.
                "CREATE OR REPLACE TABLE dim_songs AS SELECT track_id,"
                        + " array_to_string(list_filter(credits, (c, i) -> c <> '' AND list_position(credits, c) = i), ';')"
                        + " AS artists, track_name, popularity, duration_ms, genre FROM (SELECT trim(track_id) AS track_id,"
                        + " list_transform(string_split(artists, ';'), c -> trim(c)) AS credits, trim(track_name) AS track_name,"
                        + " TRY_CAST(trim(popularity) AS INTEGER) AS popularity, TRY_CAST(trim(duration_ms) AS BIGINT) AS duration_ms,"
                        + " lower(trim(track_genre)) AS genre, trim(album_name) AS album_name, row_number() OVER () AS line"
                        + " FROM " + songs + ")"
                        + " WHERE regexp_full_match(track_id, '[0-9A-Za-z]{22}') AND popularity BETWEEN 0 AND 100"
                        + " AND duration_ms > 0 AND track_name <> '' AND album_name <> '' AND genre <> ''"
                        + " AND len(list_filter(credits, c -> c <> '')) > 0"
                        + " QUALIFY row_number() OVER (PARTITION BY track_id ORDER BY line) = 1",
                "CREATE OR REPLACE TABLE fact_streams AS SELECT DISTINCT user_id, track_id, listen_time,"
                        + " CAST(listen_time AS DATE) AS listen_date, hour(listen_time) AS listen_hour FROM ("
                        + "SELECT TRY_CAST(trim(user_id) AS BIGINT) AS user_id, trim(track_id) AS track_id,"
                        + " date_trunc('second', timezone('UTC', TRY_CAST(trim(listen_time) AS TIMESTAMPTZ))) AS listen_time"
                        + " FROM " + streams + ")"
                        + " WHERE user_id > 0 AND regexp_full_match(track_id, '[0-9A-Za-z]{22}') AND listen_time IS NOT NULL");
    }

    /** The five KPI tables, for every date with plays. */
    public void refresh() throws SQLException {
        execute(
                "CREATE OR REPLACE TEMP TABLE refresh_plays AS SELECT f.listen_date, f.listen_hour, f.user_id, f.track_id,"
                        + " s.track_id IS NULL AS orphan, s.track_name, s.artists, s.popularity, s.duration_ms,"
                        + " COALESCE(s.genre, 'unknown') AS genre FROM fact_streams f LEFT JOIN dim_songs s USING (track_id)",
                "CREATE OR REPLACE TABLE kpi_genre_daily AS SELECT g.listen_date, g.genre, g.listen_count, g.unique_listeners,"
                        + " g.avg_duration AS avg_track_duration_ms, g.avg_popularity, g.listen_count * g.avg_popularity / 100"
                        + " AS popularity_index, g.total_ms AS total_listening_ms,"
                        + " g.total_ms::DOUBLE / g.unique_listeners AS avg_listening_ms_per_listener,"
                        + " t.track_id AS most_popular_track_id, t.track_name AS most_popular_track_name"
                        + " FROM (SELECT listen_date, genre, COUNT(*) AS listen_count, COUNT(DISTINCT user_id) AS unique_listeners,"
                        + " AVG(duration_ms::DOUBLE) AS avg_duration, AVG(popularity::DOUBLE) AS avg_popularity,"
                        + " COALESCE(SUM(duration_ms), 0) AS total_ms FROM refresh_plays GROUP BY listen_date, genre) g"
                        + " LEFT JOIN (SELECT listen_date, genre, track_id, MAX(track_name) AS track_name,"
                        + " row_number() OVER (PARTITION BY listen_date, genre ORDER BY COUNT(*) DESC, track_id) AS position"
                        + " FROM refresh_plays GROUP BY listen_date, genre, track_id) t"
                        + " ON t.listen_date = g.listen_date AND t.genre = g.genre AND t.position = 1",
                "CREATE OR REPLACE TABLE kpi_hourly AS SELECT h.listen_date, h.listen_hour, h.unique_listeners, h.total_plays,"
                        + " h.unique_tracks, h.unique_tracks::DOUBLE / h.total_plays AS track_diversity_index, a.artist AS top_artist"
                        + " FROM (SELECT listen_date, listen_hour, COUNT(DISTINCT user_id) AS unique_listeners, COUNT(*) AS total_plays,"
                        + " COUNT(DISTINCT track_id) AS unique_tracks FROM refresh_plays GROUP BY listen_date, listen_hour) h"
                        + " LEFT JOIN (SELECT listen_date, listen_hour, artist, row_number() OVER (PARTITION BY listen_date,"
                        + " listen_hour ORDER BY COUNT(*) DESC, artist) AS position FROM (SELECT listen_date, listen_hour,"
                        + " unnest(string_split(artists, ';')) AS artist FROM refresh_plays WHERE artists IS NOT NULL)"
                        + " GROUP BY listen_date, listen_hour, artist) a"
                        + " ON a.listen_date = h.listen_date AND a.listen_hour = h.listen_hour AND a.position = 1",
                "CREATE OR REPLACE TABLE kpi_daily_engagement AS SELECT listen_date, COUNT(DISTINCT user_id) AS active_users,"
                        + " COUNT(*) AS total_plays, COALESCE(SUM(duration_ms), 0) AS total_listening_ms,"
                        + " COUNT(*)::DOUBLE / COUNT(DISTINCT user_id) AS avg_plays_per_user,"
                        + " COALESCE(SUM(duration_ms), 0)::DOUBLE / COUNT(DISTINCT user_id) AS avg_listening_ms_per_user,"
                        + " COUNT(*) FILTER (WHERE orphan) AS orphan_plays FROM refresh_plays GROUP BY listen_date",
                "CREATE OR REPLACE TABLE kpi_top_tracks_daily AS SELECT listen_date, position AS \"rank\", track_id, track_name,"
                        + " artists, plays FROM (SELECT listen_date, track_id, MAX(track_name) AS track_name, MAX(artists) AS artists,"
                        + " COUNT(*) AS plays, row_number() OVER (PARTITION BY listen_date ORDER BY COUNT(*) DESC, track_id)"
                        + " AS position FROM refresh_plays GROUP BY listen_date, track_id) WHERE position <= 10",
                "CREATE OR REPLACE TABLE kpi_top_genres_daily AS SELECT listen_date, position AS \"rank\", genre, plays FROM"
                        + " (SELECT listen_date, genre, COUNT(*) AS plays, row_number() OVER (PARTITION BY listen_date"
                        + " ORDER BY COUNT(*) DESC, genre) AS position FROM refresh_plays GROUP BY listen_date, genre)"
                        + " WHERE position <= 5");
    }

    long plays() throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM fact_streams")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Every column as text, as the pipeline's validate reads it; a header row. */
    private static String csv(Path file) {
        return "read_csv('" + file.toAbsolutePath().toString().replace("'", "''") + "', header = true, all_varchar = true,"
                + " quote = '\"', escape = '\"')";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: DuckDbAnchor <folder with users.csv, songs.csv and streams*.csv>");
            System.exit(2);
        }
        try (DuckDbAnchor anchor = open()) {
            long t0 = System.nanoTime();
            anchor.load(Path.of(args[0]));
            long t1 = System.nanoTime();
            anchor.refresh();
            long t2 = System.nanoTime();
            System.out.println(String.format(Locale.ROOT, "{\"anchor\":\"duckdb\",\"threads\":1,\"load_s\":%.2f,"
                    + "\"refresh_s\":%.2f,\"plays\":%d,\"data\":\"%s\"}", (t1 - t0) / 1e9, (t2 - t1) / 1e9, anchor.plays(),
                    args[0].replace("\\", "\\\\").replace("\"", "\\\"")));
        }
    }
}
