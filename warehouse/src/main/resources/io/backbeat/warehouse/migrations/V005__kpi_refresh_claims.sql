-- One refresh at a time, nothing stale: a refresh no longer gets its dates from whoever started it. It
-- claims every (load_id, listen_date) that loads recorded in load_affected_dates and that no refresh has
-- claimed yet, and refreshes those dates. The state machine lets one refresh run at a time (a lease in the
-- ledger table); a load that commits while a refresh runs is not in that refresh's snapshot, so its dates
-- stay unclaimed and the next refresh takes them.
CREATE TABLE IF NOT EXISTS kpi_refresh_claims (
    load_id VARCHAR(64) NOT NULL,
    listen_date DATE NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    claimed_at TIMESTAMP NOT NULL
) DISTSTYLE ALL SORTKEY (load_id);

-- CALL backbeat_refresh_kpis(:refresh_id): claims, records the claimed dates in kpi_refresh_dates (which the
-- selects the state machine publishes read), and replaces those dates' rows in all five KPI tables, in one
-- transaction. With nothing to claim it changes nothing. Called again with the same refresh id (a retry after
-- a failure rolled everything back, or after a success) it refreshes the dates that id claimed before, plus
-- anything new.
--
-- Statements reading fact_streams and the KPI tables restrict listen_date, their leading sort key column, to
-- BETWEEN the first and last claimed date as well as to the IN list: a range-restricted predicate on the sort
-- key lets Redshift skip blocks by their zone maps (min and max per 1 MB block), where an IN over a subquery
-- may not (https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html).
-- SELECT INTO a list of variables and RETURN are Redshift PL/pgSQL
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_PLpgSQL-statements.html).
CREATE OR REPLACE PROCEDURE backbeat_refresh_kpis(p_refresh VARCHAR(64))
AS $$
DECLARE
    v_first DATE;
    v_last DATE;
BEGIN
    LOCK kpi_refresh_claims, kpi_genre_daily, kpi_hourly, kpi_daily_engagement, kpi_top_tracks_daily, kpi_top_genres_daily;

    INSERT INTO kpi_refresh_claims (load_id, listen_date, refresh_id, claimed_at)
    SELECT a.load_id, a.listen_date, p_refresh, GETDATE()
    FROM (SELECT DISTINCT load_id, listen_date FROM load_affected_dates) a
    WHERE NOT EXISTS (SELECT 1 FROM kpi_refresh_claims c WHERE c.load_id = a.load_id AND c.listen_date = a.listen_date);

    INSERT INTO kpi_refresh_dates (refresh_id, listen_date)
    SELECT DISTINCT p_refresh, c.listen_date
    FROM kpi_refresh_claims c
    WHERE c.refresh_id = p_refresh
      AND NOT EXISTS (SELECT 1 FROM kpi_refresh_dates d WHERE d.refresh_id = p_refresh AND d.listen_date = c.listen_date);

    SELECT INTO v_first, v_last MIN(listen_date), MAX(listen_date) FROM kpi_refresh_dates WHERE refresh_id = p_refresh;
    IF v_first IS NULL THEN
        RETURN;
    END IF;

    DROP TABLE IF EXISTS refresh_plays;
    CREATE TEMP TABLE refresh_plays AS
    SELECT f.listen_date, f.listen_hour, f.user_id, f.track_id, s.track_id IS NULL AS orphan,
           s.track_name, s.artists, REGEXP_COUNT(s.artists, ';') + 1 AS credits, s.popularity, s.duration_ms,
           COALESCE(s.track_genre, 'unknown') AS genre
    FROM fact_streams f
    LEFT JOIN dim_songs s ON s.track_id = f.track_id
    WHERE f.listen_date BETWEEN v_first AND v_last
      AND f.listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

    DELETE FROM kpi_genre_daily WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_hourly WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_daily_engagement WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_top_tracks_daily WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_top_genres_daily WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

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
