package io.backbeat.warehouse;

import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of a KPI refresh, per shared/KPI-SPEC.md, written once for Redshift (and run unchanged on the
 * local PostgreSQL). Shared by the functions, which run it directly, and the CDK state machine, which
 * runs it through the Redshift Data API integration.
 *
 * <p>A refresh is identified by an id. {@link #REFRESH} claims every date loads recorded in
 * {@code load_affected_dates} that no refresh has claimed yet, writes them to {@code kpi_refresh_dates} under
 * that id, and replaces those dates' rows in every KPI table in one transaction (the stored procedure: claims
 * since migration V005, the listener tables since V008); the state machine runs one refresh at a time. The refresh
 * id is always a parameter, never SQL text.
 */
public final class KpiSql {
    public static final String GENRE_DAILY = "kpi_genre_daily";
    public static final String HOURLY = "kpi_hourly";
    public static final String DAILY_ENGAGEMENT = "kpi_daily_engagement";
    public static final String TOP_TRACKS_DAILY = "kpi_top_tracks_daily";
    public static final String TOP_GENRES_DAILY = "kpi_top_genres_daily";
    public static final String SESSIONS_DAILY = "kpi_sessions_daily";
    public static final String DEMOGRAPHICS_DAILY = "kpi_demographics_daily";
    public static final String TRACK_WEEKLY = "kpi_track_weekly";
    public static final String APP_DAILY = "kpi_app_daily";
    public static final String APP_PAGES_DAILY = "kpi_app_pages_daily";
    public static final String APP_TOP_SONGS_DAILY = "kpi_app_top_songs_daily";
    /** The KPI tables of a day, published to the serving table (one partition per table and date). */
    public static final List<String> PUBLISHED = List.of(GENRE_DAILY, HOURLY, DAILY_ENGAGEMENT, TOP_TRACKS_DAILY,
            TOP_GENRES_DAILY, SESSIONS_DAILY, DEMOGRAPHICS_DAILY);
    /** The KPI tables of app events, keyed by {@code event_date}: in the warehouse and the export. */
    public static final List<String> APP_TABLES = List.of(APP_DAILY, APP_PAGES_DAILY, APP_TOP_SONGS_DAILY);
    /**
     * Every KPI table: the published ones, {@link #TRACK_WEEKLY} and the {@link #APP_TABLES}, which stay in the warehouse
     * and the export.
     */
    public static final List<String> TABLES = List.of(GENRE_DAILY, HOURLY, DAILY_ENGAGEMENT, TOP_TRACKS_DAILY,
            TOP_GENRES_DAILY, SESSIONS_DAILY, DEMOGRAPHICS_DAILY, TRACK_WEEKLY, APP_DAILY, APP_PAGES_DAILY, APP_TOP_SONGS_DAILY);

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
    public static final List<String> SESSIONS_DAILY_COLUMNS = List.of("listen_date", "sessions", "single_play_sessions",
            "avg_plays_per_session", "avg_session_span_s", "avg_session_listening_ms", "sessions_per_user");
    public static final List<String> DEMOGRAPHICS_DAILY_COLUMNS = List.of("listen_date", "country", "age_band", "plays",
            "listeners", "listening_ms");
    public static final List<String> TRACK_WEEKLY_COLUMNS = List.of("week_start", "track_id", "plays");
    public static final List<String> APP_DAILY_COLUMNS = List.of("event_date", "events", "guest_events", "active_users",
            "sessions", "avg_events_per_session", "song_plays", "paid_song_plays", "paying_users", "upgrades", "downgrades",
            "cancellations");
    public static final List<String> APP_PAGES_DAILY_COLUMNS = List.of("event_date", "page", "events", "users", "sessions");
    public static final List<String> APP_TOP_SONGS_DAILY_COLUMNS = List.of("event_date", "rank", "artist", "song", "plays");

    /** Name of the refresh-id parameter of {@link #REFRESH} and {@link #select}. */
    public static final String REFRESH_ID = "refresh_id";

    private KpiSql() {}

    /**
     * The refresh of every date loads recorded and no refresh claimed, under a refresh id (parameter
     * {@code refresh_id}): one statement, one transaction, defined by migration {@code V009__app_events.sql}.
     */
    public static final String REFRESH = "CALL backbeat_refresh_kpis(:" + "refresh_id" + ")";

    /**
     * The published columns of {@code table} for the dates of a refresh (parameter {@code refresh_id}).
     *
     * @throws IllegalArgumentException when {@code table} is not one of {@link #PUBLISHED}
     */
    public static String select(String table) {
        if (!PUBLISHED.contains(table)) {
            throw new IllegalArgumentException(table + " is not published; published are " + PUBLISHED);
        }
        return "SELECT " + columnList(table) + " FROM " + table
                + " WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = :" + REFRESH_ID + ")"
                + orderBy(table);
    }

    /** Every row of {@code table}, its published columns in key order (the CSV export of a local run). */
    public static String selectAll(String table) {
        return "SELECT " + columnList(table) + " FROM " + table + orderBy(table);
    }

    private static String columnList(String table) {
        StringJoiner list = new StringJoiner(", ");
        columns(table).forEach(column -> list.add(column.equals("rank") ? "\"rank\"" : column));
        return list.toString();
    }

    private static String orderBy(String table) {
        StringJoiner keys = new StringJoiner(", ", " ORDER BY ", "");
        keyColumns(table).forEach(column -> keys.add(column.equals("rank") ? "\"rank\"" : column));
        return keys.toString();
    }

    /** The columns that identify a row of {@code table}, in sort order. */
    public static List<String> keyColumns(String table) {
        return switch (table) {
            case DAILY_ENGAGEMENT, SESSIONS_DAILY, APP_DAILY -> columns(table).subList(0, 1);
            case DEMOGRAPHICS_DAILY -> List.of("listen_date", "country", "age_band");
            case TRACK_WEEKLY -> List.of("week_start", "track_id");
            default -> columns(table).subList(0, 2);
        };
    }

    /** The KPI columns holding text (dates, names, ids); every other KPI column is a number. */
    public static boolean isTextColumn(String column) {
        return TEXT_COLUMNS.contains(column);
    }

    private static final java.util.Set<String> TEXT_COLUMNS = java.util.Set.of("listen_date", "genre", "most_popular_track_id",
            "most_popular_track_name", "top_artist", "track_id", "track_name", "artists", "country", "age_band", "week_start", "event_date", "page", "artist", "song");

    /** The published columns of a KPI table, key columns first. */
    public static List<String> columns(String table) {
        return switch (table) {
            case GENRE_DAILY -> GENRE_DAILY_COLUMNS;
            case HOURLY -> HOURLY_COLUMNS;
            case DAILY_ENGAGEMENT -> DAILY_ENGAGEMENT_COLUMNS;
            case TOP_TRACKS_DAILY -> TOP_TRACKS_DAILY_COLUMNS;
            case TOP_GENRES_DAILY -> TOP_GENRES_DAILY_COLUMNS;
            case SESSIONS_DAILY -> SESSIONS_DAILY_COLUMNS;
            case DEMOGRAPHICS_DAILY -> DEMOGRAPHICS_DAILY_COLUMNS;
            case TRACK_WEEKLY -> TRACK_WEEKLY_COLUMNS;
            case APP_DAILY -> APP_DAILY_COLUMNS;
            case APP_PAGES_DAILY -> APP_PAGES_DAILY_COLUMNS;
            case APP_TOP_SONGS_DAILY -> APP_TOP_SONGS_DAILY_COLUMNS;
            default -> throw new IllegalArgumentException("not a KPI table: " + table);
        };
    }
}
