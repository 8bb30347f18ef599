-- The KPI refresh of shared/KPI-SPEC.md as one stored procedure: CALL backbeat_refresh_kpis(:refresh_id)
-- is a single statement that takes its refresh id as a parameter, and runs in one transaction. It
-- locks the five KPI tables first, so two overlapping refreshes run one after the other; then, for
-- the dates recorded in kpi_refresh_dates for that refresh, it replaces every row of all five tables.
-- The same procedure serves the functions and the Step Functions state machine.
CREATE OR REPLACE PROCEDURE backbeat_refresh_kpis(p_refresh VARCHAR(64))
AS $$
BEGIN
    LOCK kpi_genre_daily, kpi_hourly, kpi_daily_engagement, kpi_top_tracks_daily, kpi_top_genres_daily;

    DROP TABLE IF EXISTS refresh_plays;
    CREATE TEMP TABLE refresh_plays AS
    SELECT f.listen_date, f.listen_hour, f.user_id, f.track_id, s.track_id IS NULL AS orphan,
           s.track_name, s.artists, REGEXP_COUNT(s.artists, ';') + 1 AS credits, s.popularity, s.duration_ms,
           COALESCE(s.track_genre, 'unknown') AS genre
    FROM fact_streams f
    LEFT JOIN dim_songs s ON s.track_id = f.track_id
    WHERE f.listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

    DELETE FROM kpi_genre_daily WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_hourly WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_daily_engagement WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_top_tracks_daily WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_top_genres_daily WHERE listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

    -- Genres: plays, listeners, averages over known songs (orphans fall in 'unknown' with nulls), the most played track.
    INSERT INTO kpi_genre_daily (listen_date, genre, listen_count, unique_listeners, avg_track_duration_ms,
        avg_popularity, popularity_index, total_listening_ms, avg_listening_ms_per_listener,
        most_popular_track_id, most_popular_track_name, refresh_id, refreshed_at)
    SELECT g.listen_date, g.genre, g.listen_count, g.unique_listeners, g.avg_duration, g.avg_popularity,
           g.listen_count * g.avg_popularity / 100, g.total_ms,
           g.total_ms::DOUBLE PRECISION / g.unique_listeners, t.track_id, t.track_name, p_refresh, GETDATE()
    FROM (SELECT listen_date, genre, COUNT(*) AS listen_count, COUNT(DISTINCT user_id) AS unique_listeners,
                 AVG(duration_ms::DOUBLE PRECISION) AS avg_duration,
                 AVG(popularity::DOUBLE PRECISION) AS avg_popularity,
                 COALESCE(SUM(duration_ms::BIGINT), 0) AS total_ms
          FROM refresh_plays GROUP BY listen_date, genre) g
    LEFT JOIN (SELECT listen_date, genre, track_id, MAX(track_name) AS track_name,
                      ROW_NUMBER() OVER (PARTITION BY listen_date, genre ORDER BY COUNT(*) DESC, track_id) AS position
               FROM refresh_plays GROUP BY listen_date, genre, track_id) t
      ON t.listen_date = g.listen_date AND t.genre = g.genre AND t.position = 1;

    -- Hours: every credited artist receives the play; ties go to the smallest name.
    INSERT INTO kpi_hourly (listen_date, listen_hour, unique_listeners, total_plays, unique_tracks,
        track_diversity_index, top_artist, refresh_id, refreshed_at)
    SELECT h.listen_date, h.listen_hour, h.unique_listeners, h.total_plays, h.unique_tracks,
           h.unique_tracks::DOUBLE PRECISION / h.total_plays, a.artist, p_refresh, GETDATE()
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
      ON a.listen_date = h.listen_date AND a.listen_hour = h.listen_hour AND a.position = 1;

    INSERT INTO kpi_daily_engagement (listen_date, active_users, total_plays, total_listening_ms,
        avg_plays_per_user, avg_listening_ms_per_user, orphan_plays, refresh_id, refreshed_at)
    SELECT listen_date, COUNT(DISTINCT user_id), COUNT(*), COALESCE(SUM(duration_ms::BIGINT), 0),
           COUNT(*)::DOUBLE PRECISION / COUNT(DISTINCT user_id),
           COALESCE(SUM(duration_ms::BIGINT), 0)::DOUBLE PRECISION / COUNT(DISTINCT user_id),
           SUM(CASE WHEN orphan THEN 1 ELSE 0 END), p_refresh, GETDATE()
    FROM refresh_plays GROUP BY listen_date;

    INSERT INTO kpi_top_tracks_daily (listen_date, "rank", track_id, track_name, artists, plays, refresh_id, refreshed_at)
    SELECT listen_date, position, track_id, track_name, artists, plays, p_refresh, GETDATE()
    FROM (SELECT listen_date, track_id, MAX(track_name) AS track_name, MAX(artists) AS artists, COUNT(*) AS plays,
                 ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY COUNT(*) DESC, track_id) AS position
          FROM refresh_plays GROUP BY listen_date, track_id) ranked
    WHERE position <= 10;

    INSERT INTO kpi_top_genres_daily (listen_date, "rank", genre, plays, refresh_id, refreshed_at)
    SELECT listen_date, position, genre, plays, p_refresh, GETDATE()
    FROM (SELECT listen_date, genre, COUNT(*) AS plays,
                 ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY COUNT(*) DESC, genre) AS position
          FROM refresh_plays GROUP BY listen_date, genre) ranked
    WHERE position <= 5;

    INSERT INTO kpi_refreshes (refresh_id, finished_at) VALUES (p_refresh, GETDATE());
    DROP TABLE refresh_plays;
END;
$$ LANGUAGE plpgsql;
