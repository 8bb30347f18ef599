-- Dimensions and facts, typed from the dataset contracts (events/.../contract). Redshift physical
-- design: users distributed like the facts (by user_id), songs copied to every node (joined to every
-- play by track_id), plays distributed by user_id (distinct-listener counts stay node-local) and
-- sorted by date and hour (a KPI refresh reads one date range). PRIMARY KEY is informational: Redshift
-- does not enforce it (https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html), and
-- neither does the local Redshift, so the loads themselves must keep every natural key unique (they
-- LOCK their target first) and tests look for duplicates explicitly.
CREATE TABLE IF NOT EXISTS dim_users (
    user_id BIGINT NOT NULL ENCODE az64,
    user_name VARCHAR(256) NOT NULL ENCODE zstd,
    user_age SMALLINT ENCODE az64,
    user_country VARCHAR(128) NOT NULL ENCODE zstd,
    created_at DATE NOT NULL ENCODE az64,
    source_object VARCHAR(1200) NOT NULL ENCODE zstd,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (user_id)
) DISTSTYLE KEY DISTKEY (user_id) SORTKEY (user_id);

CREATE TABLE IF NOT EXISTS dim_songs (
    track_id CHAR(22) NOT NULL ENCODE zstd,
    artists VARCHAR(1024) NOT NULL ENCODE zstd,
    album_name VARCHAR(512) NOT NULL ENCODE zstd,
    track_name VARCHAR(512) NOT NULL ENCODE zstd,
    popularity SMALLINT NOT NULL ENCODE az64,
    duration_ms INTEGER NOT NULL ENCODE az64,
    track_genre VARCHAR(64) NOT NULL ENCODE zstd,
    source_object VARCHAR(1200) NOT NULL ENCODE zstd,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (track_id)
) DISTSTYLE ALL SORTKEY (track_id);

CREATE TABLE IF NOT EXISTS fact_streams (
    user_id BIGINT NOT NULL ENCODE az64,
    track_id CHAR(22) NOT NULL ENCODE zstd,
    listen_time TIMESTAMP NOT NULL ENCODE az64,
    listen_date DATE NOT NULL ENCODE raw,
    listen_hour SMALLINT NOT NULL ENCODE az64,
    source_object VARCHAR(1200) NOT NULL ENCODE zstd,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (user_id, track_id, listen_time)
) DISTSTYLE KEY DISTKEY (user_id) COMPOUND SORTKEY (listen_date, listen_hour);
