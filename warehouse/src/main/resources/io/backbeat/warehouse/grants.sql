-- What each pipeline database user may do, and nothing more. Run by the warehouse setup as the admin
-- user after the migrations, on every deploy; GRANT is idempotent. {load_user} is the load function's
-- user, {refresh_user} the user of the kpi-refresh state machine's statements and of publish (both
-- IAMR:<role name>). The tables and the procedure belong to the admin, who created them.
-- https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html
GRANT USAGE ON SCHEMA public TO {load_user}, {refresh_user};
-- Load: COPY into a temp table, merge into its target (LOCK needs a write privilege), its bookkeeping.
GRANT SELECT, INSERT, UPDATE ON dim_users, dim_songs, fact_streams, fact_events TO {load_user};
-- A catalogue load replaces the genres and credits of what it holds: DELETE on those three tables only.
GRANT SELECT, INSERT, UPDATE ON dim_artists, dim_albums, dim_tracks TO {load_user};
GRANT SELECT, INSERT, UPDATE, DELETE ON dim_artist_genres, dim_album_artists, dim_track_artists TO {load_user};
GRANT SELECT, INSERT ON load_requests, load_results, load_affected_dates TO {load_user};
-- Refresh: reads facts and dimensions, claims the dates loads recorded, replaces the KPI tables' rows of those
-- dates, records them. LOCK of the claims table needs a write privilege besides INSERT: UPDATE.
GRANT SELECT ON dim_users, dim_songs, fact_streams, fact_events, load_affected_dates, backbeat_numbers TO {refresh_user};
GRANT SELECT, INSERT, UPDATE, DELETE ON kpi_genre_daily, kpi_hourly, kpi_daily_engagement, kpi_top_tracks_daily, kpi_top_genres_daily,
    kpi_sessions_daily, kpi_demographics_daily, kpi_track_weekly, kpi_app_daily, kpi_app_pages_daily, kpi_app_top_songs_daily
    TO {refresh_user};
GRANT SELECT, INSERT ON kpi_refresh_dates, kpi_refreshes TO {refresh_user};
GRANT SELECT, INSERT, UPDATE ON kpi_refresh_claims TO {refresh_user};
GRANT EXECUTE ON PROCEDURE backbeat_refresh_kpis(VARCHAR) TO {refresh_user};
