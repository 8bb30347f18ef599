-- The five KPI tables of shared/KPI-SPEC.md. Small (a few hundred rows a day), so on every node.
CREATE TABLE IF NOT EXISTS kpi_genre_daily (
    listen_date DATE NOT NULL,
    genre VARCHAR(64) NOT NULL,
    listen_count BIGINT NOT NULL,
    unique_listeners BIGINT NOT NULL,
    avg_track_duration_ms DOUBLE PRECISION,
    avg_popularity DOUBLE PRECISION,
    popularity_index DOUBLE PRECISION,
    total_listening_ms BIGINT NOT NULL,
    avg_listening_ms_per_listener DOUBLE PRECISION NOT NULL,
    most_popular_track_id CHAR(22),
    most_popular_track_name VARCHAR(512),
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (listen_date, genre)
) DISTSTYLE ALL SORTKEY (listen_date);

CREATE TABLE IF NOT EXISTS kpi_hourly (
    listen_date DATE NOT NULL,
    listen_hour SMALLINT NOT NULL,
    unique_listeners BIGINT NOT NULL,
    total_plays BIGINT NOT NULL,
    unique_tracks BIGINT NOT NULL,
    track_diversity_index DOUBLE PRECISION NOT NULL,
    top_artist VARCHAR(1024),
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (listen_date, listen_hour)
) DISTSTYLE ALL SORTKEY (listen_date, listen_hour);

CREATE TABLE IF NOT EXISTS kpi_daily_engagement (
    listen_date DATE NOT NULL,
    active_users BIGINT NOT NULL,
    total_plays BIGINT NOT NULL,
    total_listening_ms BIGINT NOT NULL,
    avg_plays_per_user DOUBLE PRECISION NOT NULL,
    avg_listening_ms_per_user DOUBLE PRECISION NOT NULL,
    orphan_plays BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (listen_date)
) DISTSTYLE ALL SORTKEY (listen_date);

CREATE TABLE IF NOT EXISTS kpi_top_tracks_daily (
    listen_date DATE NOT NULL,
    "rank" SMALLINT NOT NULL,
    track_id CHAR(22) NOT NULL,
    track_name VARCHAR(512),
    artists VARCHAR(1024),
    plays BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (listen_date, "rank")
) DISTSTYLE ALL SORTKEY (listen_date);

CREATE TABLE IF NOT EXISTS kpi_top_genres_daily (
    listen_date DATE NOT NULL,
    "rank" SMALLINT NOT NULL,
    genre VARCHAR(64) NOT NULL,
    plays BIGINT NOT NULL,
    refresh_id VARCHAR(64) NOT NULL,
    refreshed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (listen_date, "rank")
) DISTSTYLE ALL SORTKEY (listen_date);
