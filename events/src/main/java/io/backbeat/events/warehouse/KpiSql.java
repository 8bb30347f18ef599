package io.backbeat.events.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of a KPI refresh, per shared/KPI-SPEC.md, written once for Redshift (and run unchanged on the
 * local PostgreSQL). Shared by the functions, which run it directly, and the CDK state machine, which
 * runs it through the Redshift Data API integration.
 *
 * <p>A refresh is identified by an id (a load id or a batch id); its dates are first written, as
 * parameters, to {@code kpi_refresh_dates} by {@link #insertDates(int)}. {@link #refresh(String)} then
 * replaces those dates' rows in all five KPI tables in one transaction: the tables are locked first,
 * so two overlapping refreshes run one after the other and leave exactly the rows one leaves.
 */
public final class KpiSql {
    public static final String GENRE_DAILY = "kpi_genre_daily";
    public static final String HOURLY = "kpi_hourly";
    public static final String DAILY_ENGAGEMENT = "kpi_daily_engagement";
    public static final String TOP_TRACKS_DAILY = "kpi_top_tracks_daily";
    public static final String TOP_GENRES_DAILY = "kpi_top_genres_daily";
    public static final List<String> TABLES = List.of(GENRE_DAILY, HOURLY, DAILY_ENGAGEMENT, TOP_TRACKS_DAILY, TOP_GENRES_DAILY);

    /** Columns of each KPI table as published, key columns first. */
    public static final List<String> GENRE_DAILY_COLUMNS = List.of("listen_date", "genre", "listen_count", "unique_listeners",
            "avg_track_duration_ms", "avg_popularity", "popularity_index", "total_listening_ms",
            "avg_listening_ms_per_listener", "most_popular_track_id", "most_popular_track_name");
    public static final List<String> HOURLY_COLUMNS = List.of("listen_date", "listen_hour", "unique_listeners", "total_plays",
            "unique_tracks", "track_diversity_index", "top_artist");
    public static final List<String> DAILY_ENGAGEMENT_COLUMNS = List.of("listen_date", "active_users", "total_plays",
            "total_listening_ms", "avg_plays_per_user", "avg_listening_ms_per_user", "orphan_plays");
    public static final List<String> TOP_TRACKS_DAILY_COLUMNS = List.of("listen_date", "rank", "track_id", "track_name",
            "artists", "plays");
    public static final List<String> TOP_GENRES_DAILY_COLUMNS = List.of("listen_date", "rank", "genre", "plays");

    /** Name of the refresh-id parameter of {@link #insertDates} and {@link #select}. */
    public static final String REFRESH_ID = "refresh_id";
    /** At most this many dates per {@link #insertDates} statement. */
    public static final int DATES_PER_INSERT = 100;

    private KpiSql() {}

    /** {@code INSERT} of {@code count} dates for a refresh: parameters {@code refresh_id}, {@code d0} … {@code d<count-1>}. */
    public static String insertDates(int count) {
        if (count < 1 || count > DATES_PER_INSERT) {
            throw new IllegalArgumentException("count must be within 1.." + DATES_PER_INSERT + ", got " + count);
        }
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            values.add("(:" + REFRESH_ID + ", CAST(:d" + i + " AS DATE))");
        }
        return "INSERT INTO kpi_refresh_dates (refresh_id, listen_date) VALUES " + values;
    }

    /** The refresh of the dates recorded for {@code refreshId}, to run as one transaction. */
    public static List<String> refresh(String refreshId) {
        String id = WarehouseIds.literal(refreshId);
        String dates = "(SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = " + id + ")";
        List<String> statements = new ArrayList<>();
        statements.add("LOCK " + String.join(", ", TABLES));
        statements.add("""
                CREATE TEMP TABLE refresh_plays AS
                SELECT f.listen_date, f.listen_hour, f.user_id, f.track_id, s.track_id IS NULL AS orphan,
                       s.track_name, s.artists, REGEXP_COUNT(s.artists, ';') + 1 AS credits, s.popularity, s.duration_ms,
                       COALESCE(s.track_genre, 'unknown') AS genre
                FROM fact_streams f
                LEFT JOIN dim_songs s ON s.track_id = f.track_id
                WHERE f.listen_date IN %s""".formatted(dates));
        for (String table : TABLES) {
            statements.add("DELETE FROM " + table + " WHERE listen_date IN " + dates);
        }
        statements.add("""
                INSERT INTO kpi_genre_daily (listen_date, genre, listen_count, unique_listeners, avg_track_duration_ms,
                    avg_popularity, popularity_index, total_listening_ms, avg_listening_ms_per_listener,
                    most_popular_track_id, most_popular_track_name, refresh_id, refreshed_at)
                SELECT g.listen_date, g.genre, g.listen_count, g.unique_listeners, g.avg_duration, g.avg_popularity,
                       g.listen_count * g.avg_popularity / 100, g.total_ms,
                       g.total_ms::DOUBLE PRECISION / g.unique_listeners, t.track_id, t.track_name, %s, GETDATE()
                FROM (SELECT listen_date, genre, COUNT(*) AS listen_count, COUNT(DISTINCT user_id) AS unique_listeners,
                             AVG(duration_ms::DOUBLE PRECISION) AS avg_duration,
                             AVG(popularity::DOUBLE PRECISION) AS avg_popularity,
                             COALESCE(SUM(duration_ms::BIGINT), 0) AS total_ms
                      FROM refresh_plays GROUP BY listen_date, genre) g
                LEFT JOIN (SELECT listen_date, genre, track_id, MAX(track_name) AS track_name,
                                  ROW_NUMBER() OVER (PARTITION BY listen_date, genre ORDER BY COUNT(*) DESC, track_id) AS position
                           FROM refresh_plays GROUP BY listen_date, genre, track_id) t
                  ON t.listen_date = g.listen_date AND t.genre = g.genre AND t.position = 1""".formatted(id));
        statements.add("""
                INSERT INTO kpi_hourly (listen_date, listen_hour, unique_listeners, total_plays, unique_tracks,
                    track_diversity_index, top_artist, refresh_id, refreshed_at)
                SELECT h.listen_date, h.listen_hour, h.unique_listeners, h.total_plays, h.unique_tracks,
                       h.unique_tracks::DOUBLE PRECISION / h.total_plays, a.artist, %s, GETDATE()
                FROM (SELECT listen_date, listen_hour, COUNT(DISTINCT user_id) AS unique_listeners, COUNT(*) AS total_plays,
                             COUNT(DISTINCT track_id) AS unique_tracks
                      FROM refresh_plays GROUP BY listen_date, listen_hour) h
                LEFT JOIN (SELECT listen_date, listen_hour, artist,
                                  ROW_NUMBER() OVER (PARTITION BY listen_date, listen_hour ORDER BY COUNT(*) DESC, artist) AS position
                           FROM (SELECT p.listen_date, p.listen_hour, TRIM(SPLIT_PART(p.artists, ';', n.n)) AS artist
                                 FROM refresh_plays p
                                 JOIN backbeat_numbers n ON n.n <= p.credits
                                 WHERE p.artists IS NOT NULL) credits
                           WHERE artist <> ''
                           GROUP BY listen_date, listen_hour, artist) a
                  ON a.listen_date = h.listen_date AND a.listen_hour = h.listen_hour AND a.position = 1""".formatted(id));
        statements.add("""
                INSERT INTO kpi_daily_engagement (listen_date, active_users, total_plays, total_listening_ms,
                    avg_plays_per_user, avg_listening_ms_per_user, orphan_plays, refresh_id, refreshed_at)
                SELECT listen_date, COUNT(DISTINCT user_id), COUNT(*), COALESCE(SUM(duration_ms::BIGINT), 0),
                       COUNT(*)::DOUBLE PRECISION / COUNT(DISTINCT user_id),
                       COALESCE(SUM(duration_ms::BIGINT), 0)::DOUBLE PRECISION / COUNT(DISTINCT user_id),
                       SUM(CASE WHEN orphan THEN 1 ELSE 0 END), %s, GETDATE()
                FROM refresh_plays GROUP BY listen_date""".formatted(id));
        statements.add("""
                INSERT INTO kpi_top_tracks_daily (listen_date, "rank", track_id, track_name, artists, plays, refresh_id, refreshed_at)
                SELECT listen_date, position, track_id, track_name, artists, plays, %s, GETDATE()
                FROM (SELECT listen_date, track_id, MAX(track_name) AS track_name, MAX(artists) AS artists, COUNT(*) AS plays,
                             ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY COUNT(*) DESC, track_id) AS position
                      FROM refresh_plays GROUP BY listen_date, track_id) ranked
                WHERE position <= 10""".formatted(id));
        statements.add("""
                INSERT INTO kpi_top_genres_daily (listen_date, "rank", genre, plays, refresh_id, refreshed_at)
                SELECT listen_date, position, genre, plays, %s, GETDATE()
                FROM (SELECT listen_date, genre, COUNT(*) AS plays,
                             ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY COUNT(*) DESC, genre) AS position
                      FROM refresh_plays GROUP BY listen_date, genre) ranked
                WHERE position <= 5""".formatted(id));
        statements.add("INSERT INTO kpi_refreshes (refresh_id, finished_at) VALUES (" + id + ", GETDATE())");
        return List.copyOf(statements);
    }

    /** The published columns of {@code table} for the dates of a refresh (parameter {@code refresh_id}). */
    public static String select(String table) {
        List<String> columns = columns(table);
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(column -> list.add(column.equals("rank") ? "\"rank\"" : column));
        return "SELECT " + list + " FROM " + table
                + " WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = :" + REFRESH_ID + ")"
                + " ORDER BY " + (columns.get(1).equals("rank") ? "listen_date, \"rank\"" : "listen_date, " + columns.get(1));
    }

    /** The published columns of a KPI table, key columns first. */
    public static List<String> columns(String table) {
        return switch (table) {
            case GENRE_DAILY -> GENRE_DAILY_COLUMNS;
            case HOURLY -> HOURLY_COLUMNS;
            case DAILY_ENGAGEMENT -> DAILY_ENGAGEMENT_COLUMNS;
            case TOP_TRACKS_DAILY -> TOP_TRACKS_DAILY_COLUMNS;
            case TOP_GENRES_DAILY -> TOP_GENRES_DAILY_COLUMNS;
            default -> throw new IllegalArgumentException("not a KPI table: " + table);
        };
    }
}
