-- The app event log (the events dataset, eventsim's fields; see EventsContract) and its three KPI tables of KPI-SPEC.md:
-- kpi_app_daily, kpi_app_pages_daily and kpi_app_top_songs_daily, computed by the KPI refresh in the same transaction as
-- the play tables, for the same dates (a load of events records its event dates in load_affected_dates, as a load of
-- plays records its listen dates). The procedure below is V008's with the app tables added at its end.
--
-- fact_events is distributed by session_id (a day's distinct sessions are counted node by node) and sorted by date and
-- hour like fact_streams, so a refresh reads only its dates' blocks. Artist and song are as wide as Redshift allows
-- (65,535 bytes: https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html); validate rejects a longer one.
CREATE TABLE IF NOT EXISTS fact_events (
    ts BIGINT NOT NULL ENCODE az64,
    user_id BIGINT ENCODE az64,
    session_id BIGINT NOT NULL ENCODE az64,
    item_in_session BIGINT NOT NULL ENCODE az64,
    page VARCHAR(64) NOT NULL ENCODE zstd,
    auth VARCHAR(10) NOT NULL ENCODE zstd,
    level VARCHAR(4) NOT NULL ENCODE zstd,
    status SMALLINT ENCODE az64,
    artist VARCHAR(65535) ENCODE zstd,
    song VARCHAR(65535) ENCODE zstd,
    length DOUBLE PRECISION ENCODE raw,
    event_time TIMESTAMP NOT NULL ENCODE az64,
    event_date DATE NOT NULL ENCODE raw,
    event_hour SMALLINT NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (session_id, item_in_session, ts)
) DISTSTYLE KEY DISTKEY (session_id) COMPOUND SORTKEY (event_date, event_hour);

CREATE TABLE IF NOT EXISTS kpi_app_daily (
    event_date DATE NOT NULL,
    events BIGINT NOT NULL,
    guest_events BIGINT NOT NULL,
    active_users BIGINT NOT NULL,
    sessions BIGINT NOT NULL,
    avg_events_per_session DOUBLE PRECISION NOT NULL,
    song_plays BIGINT NOT NULL,
    paid_song_plays BIGINT NOT NULL,
    paying_users BIGINT NOT NULL,
    upgrades BIGINT NOT NULL,
    downgrades BIGINT NOT NULL,
    cancellations BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_date)
) DISTSTYLE ALL SORTKEY (event_date);

CREATE TABLE IF NOT EXISTS kpi_app_pages_daily (
    event_date DATE NOT NULL,
    page VARCHAR(64) NOT NULL,
    events BIGINT NOT NULL,
    users BIGINT NOT NULL,
    sessions BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_date, page)
) DISTSTYLE ALL SORTKEY (event_date);

CREATE TABLE IF NOT EXISTS kpi_app_top_songs_daily (
    event_date DATE NOT NULL,
    "rank" SMALLINT NOT NULL,
    artist VARCHAR(65535) NOT NULL,
    song VARCHAR(65535) NOT NULL,
    plays BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_date, "rank")
) DISTSTYLE ALL SORTKEY (event_date);

CREATE OR REPLACE PROCEDURE backbeat_refresh_kpis(p_refresh VARCHAR(64))
AS $$
DECLARE
    v_first DATE;
    v_last DATE;
    v_first_week DATE;
    v_last_week DATE;
BEGIN
    LOCK kpi_refresh_claims, kpi_genre_daily, kpi_hourly, kpi_daily_engagement, kpi_top_tracks_daily, kpi_top_genres_daily,
        kpi_sessions_daily, kpi_demographics_daily, kpi_track_weekly, kpi_app_daily, kpi_app_pages_daily, kpi_app_top_songs_daily;

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

    DROP TABLE IF EXISTS refresh_track_plays;
    DROP TABLE IF EXISTS refresh_day_tracks;
    DROP TABLE IF EXISTS refresh_credits;
    DROP TABLE IF EXISTS refresh_hour_artists;
    DROP TABLE IF EXISTS refresh_listeners;
    DROP TABLE IF EXISTS refresh_genres;
    DROP TABLE IF EXISTS refresh_user_days;
    DROP TABLE IF EXISTS refresh_weeks;

    -- Pass 1: plays per (date, hour, track) and per (date, track), in one GROUPING SETS pass: a (date, track)
    -- row has listen_hour NULL (the column is NOT NULL, so no stored NULL can be taken for one).
    CREATE TEMP TABLE refresh_track_plays AS
    SELECT listen_date, listen_hour, track_id, COUNT(*) AS plays
    FROM fact_streams
    WHERE listen_date BETWEEN v_first AND v_last
      AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
    GROUP BY GROUPING SETS ((listen_date, listen_hour, track_id), (listen_date, track_id));

    -- Plays per (date, track), each with its song's genre and duration, joined once here for the genre table,
    -- the top tracks and the day's listening time (an orphan play's track is in no song: genre 'unknown').
    CREATE TEMP TABLE refresh_day_tracks AS
    SELECT t.listen_date, t.track_id, t.plays, s.track_id IS NULL AS orphan,
           COALESCE(s.track_genre, 'unknown') AS genre, s.duration_ms
    FROM refresh_track_plays t
    LEFT JOIN dim_songs s ON s.track_id = t.track_id
    WHERE t.listen_hour IS NULL;

    -- Each played song's credited artists, split once; an artist's key sorts as its name, so the smallest key
    -- breaks a tie as the smallest name would.
    CREATE TEMP TABLE refresh_credits AS
    SELECT c.track_id, c.artist, DENSE_RANK() OVER (ORDER BY c.artist) AS artist_key
    FROM (SELECT s.track_id, TRIM(SPLIT_PART(s.artists, ';', n.n)) AS artist
          FROM dim_songs s
          JOIN backbeat_numbers n ON n.n <= REGEXP_COUNT(s.artists, ';') + 1
          WHERE s.track_id IN (SELECT track_id FROM refresh_day_tracks)) c
    WHERE c.artist <> '';

    CREATE TEMP TABLE refresh_hour_artists AS
    SELECT t.listen_date, t.listen_hour, c.artist_key, SUM(t.plays) AS plays
    FROM refresh_track_plays t
    JOIN refresh_credits c ON c.track_id = t.track_id
    WHERE t.listen_hour IS NOT NULL
    GROUP BY t.listen_date, t.listen_hour, c.artist_key;

    -- Pass 2: distinct listeners of each hour and of each day (listen_hour is NULL on a day's row; the column is
    -- NOT NULL, so no stored NULL can be taken for one).
    CREATE TEMP TABLE refresh_listeners AS
    SELECT listen_date, listen_hour, COUNT(DISTINCT user_id) AS listeners
    FROM fact_streams
    WHERE listen_date BETWEEN v_first AND v_last
      AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
    GROUP BY GROUPING SETS ((listen_date, listen_hour), (listen_date));

    -- Pass 3: genres. Orphan plays fall in 'unknown', with no duration or popularity (AVG skips them).
    CREATE TEMP TABLE refresh_genres AS
    SELECT f.listen_date, COALESCE(s.track_genre, 'unknown') AS genre, COUNT(*) AS listen_count,
           COUNT(DISTINCT f.user_id) AS unique_listeners,
           AVG(s.duration_ms::DOUBLE PRECISION) AS avg_duration,
           AVG(s.popularity::DOUBLE PRECISION) AS avg_popularity,
           COALESCE(SUM(s.duration_ms::BIGINT), 0) AS total_ms
    FROM fact_streams f
    LEFT JOIN dim_songs s ON s.track_id = f.track_id
    WHERE f.listen_date BETWEEN v_first AND v_last
      AND f.listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
    GROUP BY f.listen_date, COALESCE(s.track_genre, 'unknown');

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

    -- Genres, with each genre's most played track (ties to the smallest track id) and its name: the most plays
    -- of the (date, genre), then the smallest track id with that many, two aggregations instead of ranking
    -- every (date, track).
    INSERT INTO kpi_genre_daily (listen_date, genre, listen_count, unique_listeners, avg_track_duration_ms,
        avg_popularity, popularity_index, total_listening_ms, avg_listening_ms_per_listener,
        most_popular_track_id, most_popular_track_name, refresh_id, refreshed_at)
    SELECT g.listen_date, g.genre, g.listen_count, g.unique_listeners, g.avg_duration, g.avg_popularity,
           g.listen_count * g.avg_popularity / 100, g.total_ms,
           g.total_ms::DOUBLE PRECISION / g.unique_listeners, top.track_id, s.track_name, p_refresh, GETDATE()
    FROM refresh_genres g
    LEFT JOIN (SELECT t.listen_date, t.genre, MIN(t.track_id) AS track_id
               FROM refresh_day_tracks t
               JOIN (SELECT listen_date, genre, MAX(plays) AS plays
                     FROM refresh_day_tracks GROUP BY listen_date, genre) m
                 ON m.listen_date = t.listen_date AND m.genre = t.genre AND m.plays = t.plays
               GROUP BY t.listen_date, t.genre) top
      ON top.listen_date = g.listen_date AND top.genre = g.genre
    LEFT JOIN dim_songs s ON s.track_id = top.track_id;

    -- Hours: every credited artist receives the play; the most played artist, ties to the smallest name.
    INSERT INTO kpi_hourly (listen_date, listen_hour, unique_listeners, total_plays, unique_tracks,
        track_diversity_index, top_artist, refresh_id, refreshed_at)
    SELECT h.listen_date, h.listen_hour, l.listeners, h.total_plays, h.unique_tracks,
           h.unique_tracks::DOUBLE PRECISION / h.total_plays, n.artist, p_refresh, GETDATE()
    FROM (SELECT listen_date, listen_hour, SUM(plays) AS total_plays, COUNT(*) AS unique_tracks
          FROM refresh_track_plays WHERE listen_hour IS NOT NULL GROUP BY listen_date, listen_hour) h
    JOIN refresh_listeners l ON l.listen_date = h.listen_date AND l.listen_hour = h.listen_hour
    LEFT JOIN (SELECT a.listen_date, a.listen_hour, MIN(a.artist_key) AS artist_key
               FROM refresh_hour_artists a
               JOIN (SELECT listen_date, listen_hour, MAX(plays) AS plays
                     FROM refresh_hour_artists GROUP BY listen_date, listen_hour) m
                 ON m.listen_date = a.listen_date AND m.listen_hour = a.listen_hour AND m.plays = a.plays
               GROUP BY a.listen_date, a.listen_hour) top
      ON top.listen_date = h.listen_date AND top.listen_hour = h.listen_hour
    LEFT JOIN (SELECT DISTINCT artist_key, artist FROM refresh_credits) n ON n.artist_key = top.artist_key;

    INSERT INTO kpi_daily_engagement (listen_date, active_users, total_plays, total_listening_ms,
        avg_plays_per_user, avg_listening_ms_per_user, orphan_plays, refresh_id, refreshed_at)
    SELECT d.listen_date, l.listeners, d.plays, d.total_ms,
           d.plays::DOUBLE PRECISION / l.listeners, d.total_ms::DOUBLE PRECISION / l.listeners,
           d.orphan_plays, p_refresh, GETDATE()
    FROM (SELECT listen_date, SUM(plays) AS plays, COALESCE(SUM(plays * duration_ms::BIGINT), 0) AS total_ms,
                 SUM(CASE WHEN orphan THEN plays ELSE 0 END) AS orphan_plays
          FROM refresh_day_tracks
          GROUP BY listen_date) d
    JOIN refresh_listeners l ON l.listen_date = d.listen_date AND l.listen_hour IS NULL;

    -- The ten most played tracks of each day (ties to the smallest track id). Only tracks with at least as many
    -- plays as the day's tenth most played are ranked by track id too: ordering every (date, track) by a number
    -- alone is cheaper, and every track of the top ten has at least that many plays.
    INSERT INTO kpi_top_tracks_daily (listen_date, "rank", track_id, track_name, artists, plays, refresh_id, refreshed_at)
    SELECT r.listen_date, r.position, r.track_id, s.track_name, s.artists, r.plays, p_refresh, GETDATE()
    FROM (SELECT t.listen_date, t.track_id, t.plays,
                 ROW_NUMBER() OVER (PARTITION BY t.listen_date ORDER BY t.plays DESC, t.track_id) AS position
          FROM refresh_day_tracks t
          JOIN (SELECT listen_date, MIN(plays) AS plays
                FROM (SELECT listen_date, plays,
                             ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY plays DESC) AS position
                      FROM refresh_day_tracks) ranked
                WHERE position <= 10
                GROUP BY listen_date) tenth
            ON tenth.listen_date = t.listen_date AND t.plays >= tenth.plays) r
    LEFT JOIN dim_songs s ON s.track_id = r.track_id
    WHERE r.position <= 10;

    INSERT INTO kpi_top_genres_daily (listen_date, "rank", genre, plays, refresh_id, refreshed_at)
    SELECT listen_date, position, genre, listen_count, p_refresh, GETDATE()
    FROM (SELECT listen_date, genre, listen_count,
                 ROW_NUMBER() OVER (PARTITION BY listen_date ORDER BY listen_count DESC, genre) AS position
          FROM refresh_genres) ranked
    WHERE position <= 5;

    -- Pass 4: one row per (date, user) with what sessions and demographics need, from one window over each user's plays
    -- of a date in time order (LAG and LEAD, no running count, no grouping by session). A play starts a session when it
    -- is the user's first of the date or comes more than 1,800 seconds after the previous one (exactly 1,800 continues
    -- it), and ends one when the next is absent or more than 1,800 seconds later: a one-play session both starts and
    -- ends one. The sessions' spans add up to the day's last play minus its first, less the gaps between sessions.
    -- Times are seconds of the day, from EXTRACT of hour, minute and second (INTEGER on a TIMESTAMP:
    -- https://docs.aws.amazon.com/redshift/latest/dg/r_EXTRACT_function.html): a session never crosses midnight, and
    -- Redshift's DATE_PART does not take epoch (only EXTRACT does, and as a 32-bit INTEGER:
    -- https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html).
    CREATE TEMP TABLE refresh_user_days AS
    SELECT listen_date, user_id, COUNT(*) AS plays, SUM(starts) AS sessions,
           SUM(CASE WHEN starts = 1 AND ends = 1 THEN 1 ELSE 0 END) AS single_play_sessions,
           MAX(second_of_day) - MIN(second_of_day) - SUM(gap_s) AS span_s,
           SUM(duration_ms::BIGINT) AS known_ms
    FROM (SELECT listen_date, user_id, second_of_day, duration_ms,
                 CASE WHEN previous IS NULL OR second_of_day - previous > 1800 THEN 1 ELSE 0 END AS starts,
                 CASE WHEN following IS NULL OR following - second_of_day > 1800 THEN 1 ELSE 0 END AS ends,
                 CASE WHEN second_of_day - previous > 1800 THEN second_of_day - previous ELSE 0 END AS gap_s
          FROM (SELECT listen_date, user_id, second_of_day, duration_ms,
                       LAG(second_of_day) OVER (PARTITION BY listen_date, user_id ORDER BY second_of_day) AS previous,
                       LEAD(second_of_day) OVER (PARTITION BY listen_date, user_id ORDER BY second_of_day) AS following
                FROM (SELECT f.listen_date, f.user_id, s.duration_ms,
                             EXTRACT(HOUR FROM f.listen_time) * 3600 + EXTRACT(MINUTE FROM f.listen_time) * 60
                                 + EXTRACT(SECOND FROM f.listen_time) AS second_of_day
                      FROM fact_streams f
                      LEFT JOIN dim_songs s ON s.track_id = f.track_id
                      WHERE f.listen_date BETWEEN v_first AND v_last
                        AND f.listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh))
                     timed) ordered) plays
    GROUP BY listen_date, user_id;

    DELETE FROM kpi_sessions_daily WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_demographics_daily WHERE listen_date BETWEEN v_first AND v_last
        AND listen_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

    -- The day's known listening time is the engagement table's: its sum over the day's plays of known durations.
    INSERT INTO kpi_sessions_daily (listen_date, sessions, single_play_sessions, avg_plays_per_session, avg_session_span_s,
        avg_session_listening_ms, sessions_per_user, refresh_id, refreshed_at)
    SELECT s.listen_date, s.sessions, s.single_play_sessions, s.plays::DOUBLE PRECISION / s.sessions,
           s.span_s / s.sessions, e.total_listening_ms::DOUBLE PRECISION / s.sessions,
           s.sessions::DOUBLE PRECISION / s.users, p_refresh, GETDATE()
    FROM (SELECT listen_date, SUM(sessions) AS sessions, SUM(single_play_sessions) AS single_play_sessions,
                 SUM(plays) AS plays, SUM(span_s) AS span_s, COUNT(*) AS users
          FROM refresh_user_days
          GROUP BY listen_date) s
    JOIN kpi_daily_engagement e ON e.listen_date = s.listen_date;

    -- Country trimmed, case kept; a player not (yet) in dim_users is 'unknown' in both columns. A group's listeners are
    -- its (date, user) rows.
    INSERT INTO kpi_demographics_daily (listen_date, country, age_band, plays, listeners, listening_ms, refresh_id,
        refreshed_at)
    SELECT p.listen_date,
           CASE WHEN u.user_id IS NULL THEN 'unknown' ELSE TRIM(u.user_country) END AS country,
           CASE WHEN u.user_id IS NULL OR u.user_age IS NULL THEN 'unknown'
                WHEN u.user_age < 18 THEN '0-17'
                WHEN u.user_age < 25 THEN '18-24'
                WHEN u.user_age < 35 THEN '25-34'
                WHEN u.user_age < 45 THEN '35-44'
                WHEN u.user_age < 55 THEN '45-54'
                WHEN u.user_age < 65 THEN '55-64'
                ELSE '65+' END AS age_band,
           SUM(p.plays), COUNT(*), COALESCE(SUM(p.known_ms), 0), p_refresh, GETDATE()
    FROM refresh_user_days p
    LEFT JOIN dim_users u ON u.user_id = p.user_id
    GROUP BY 1, 2, 3;

    -- Weeks (ISO, from Monday: DATE_TRUNC's week) of the refreshed dates, each recomputed from all its plays.
    CREATE TEMP TABLE refresh_weeks AS
    SELECT DISTINCT DATE_TRUNC('week', listen_date)::DATE AS week_start
    FROM kpi_refresh_dates WHERE refresh_id = p_refresh;
    SELECT INTO v_first_week, v_last_week MIN(week_start), MAX(week_start) FROM refresh_weeks;

    -- A week's plays per track: the refreshed dates' from pass 1, the week's other dates read from the plays.
    DELETE FROM kpi_track_weekly WHERE week_start IN (SELECT week_start FROM refresh_weeks);
    INSERT INTO kpi_track_weekly (week_start, track_id, plays, refresh_id, refreshed_at)
    SELECT DATE_TRUNC('week', d.listen_date)::DATE, d.track_id, SUM(d.plays), p_refresh, GETDATE()
    FROM (SELECT listen_date, track_id, plays FROM refresh_day_tracks
          UNION ALL
          SELECT listen_date, track_id, COUNT(*) AS plays
          FROM fact_streams
          WHERE listen_date BETWEEN v_first_week AND v_last_week + 6
            AND DATE_TRUNC('week', listen_date)::DATE IN (SELECT week_start FROM refresh_weeks)
            AND listen_date NOT IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
          GROUP BY listen_date, track_id) d
    GROUP BY 1, 2;

    -- App events (V009): the same dates' rows of the three app tables, from fact_events alone (events never count in the
    -- play tables, nor plays in these). A guest event has no user_id: COUNT(DISTINCT user_id) skips it.
    DELETE FROM kpi_app_daily WHERE event_date BETWEEN v_first AND v_last
        AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_app_pages_daily WHERE event_date BETWEEN v_first AND v_last
        AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);
    DELETE FROM kpi_app_top_songs_daily WHERE event_date BETWEEN v_first AND v_last
        AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh);

    INSERT INTO kpi_app_daily (event_date, events, guest_events, active_users, sessions, avg_events_per_session, song_plays,
        paid_song_plays, paying_users, upgrades, downgrades, cancellations, refresh_id, refreshed_at)
    SELECT event_date, COUNT(*), SUM(CASE WHEN user_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT user_id),
           COUNT(DISTINCT session_id), COUNT(*)::DOUBLE PRECISION / COUNT(DISTINCT session_id),
           SUM(CASE WHEN page = 'NextSong' THEN 1 ELSE 0 END),
           SUM(CASE WHEN page = 'NextSong' AND level = 'paid' THEN 1 ELSE 0 END),
           COUNT(DISTINCT CASE WHEN level = 'paid' THEN user_id END),
           SUM(CASE WHEN page = 'Submit Upgrade' THEN 1 ELSE 0 END),
           SUM(CASE WHEN page = 'Submit Downgrade' THEN 1 ELSE 0 END),
           SUM(CASE WHEN page = 'Cancellation Confirmation' THEN 1 ELSE 0 END),
           p_refresh, GETDATE()
    FROM fact_events
    WHERE event_date BETWEEN v_first AND v_last
      AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
    GROUP BY event_date;

    INSERT INTO kpi_app_pages_daily (event_date, page, events, users, sessions, refresh_id, refreshed_at)
    SELECT event_date, page, COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT session_id), p_refresh, GETDATE()
    FROM fact_events
    WHERE event_date BETWEEN v_first AND v_last
      AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
    GROUP BY event_date, page;

    -- The ten most played (artist, song) pairs of each day, as written; ties to the smallest artist, then song. Redshift
    -- orders text by its binary UTF-8 bytes (https://docs.aws.amazon.com/redshift/latest/dg/c_collation_sequences.html),
    -- which orders it as code points do (and so does the local cluster, created with the C collation).
    INSERT INTO kpi_app_top_songs_daily (event_date, "rank", artist, song, plays, refresh_id, refreshed_at)
    SELECT event_date, position, artist, song, plays, p_refresh, GETDATE()
    FROM (SELECT event_date, artist, song, plays,
                 ROW_NUMBER() OVER (PARTITION BY event_date ORDER BY plays DESC, artist, song) AS position
          FROM (SELECT event_date, artist, song, COUNT(*) AS plays
                FROM fact_events
                WHERE event_date BETWEEN v_first AND v_last
                  AND event_date IN (SELECT listen_date FROM kpi_refresh_dates WHERE refresh_id = p_refresh)
                  AND page = 'NextSong'
                GROUP BY event_date, artist, song) songs) ranked
    WHERE position <= 10;

    INSERT INTO kpi_refreshes (refresh_id, finished_at) VALUES (p_refresh, GETDATE());
    DROP TABLE refresh_track_plays;
    DROP TABLE refresh_day_tracks;
    DROP TABLE refresh_credits;
    DROP TABLE refresh_hour_artists;
    DROP TABLE refresh_listeners;
    DROP TABLE refresh_genres;
    DROP TABLE refresh_user_days;
    DROP TABLE refresh_weeks;
END;
$$ LANGUAGE plpgsql;
