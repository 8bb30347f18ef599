-- Provenance per load, not per row: a row keeps the load_id of the load that wrote it, and the object that
-- load read is recorded once, in load_requests.object_id (by load_id). The source_object column repeated
-- that key, up to 1,200 bytes, on every play, and filling it cost a load an UPDATE of every staged row.
--
-- fact_streams also loses its PRIMARY KEY. It was informational (Redshift enforces none; the loads keep the
-- natural key (user_id, track_id, listen_time) unique themselves, under LOCK, and tests look for duplicates),
-- no query joins to a play by that key, and the local Redshift turns a declared key into a B-tree index,
-- work Redshift never does, that made most of a load's time on ten million plays. The dimensions keep
-- theirs: plays join to them by that key.
-- https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html
--
-- Redshift has no DROP COLUMN IF EXISTS, so each table is rebuilt by a deep copy (new table with the new
-- DDL, INSERT ... SELECT, DROP, RENAME: https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html),
-- which is safe to run again: a second run copies the already migrated table once more. The migration runs
-- in one transaction under LOCK schema_migrations; the warehouse setup grants on the new tables right after.
CREATE TABLE IF NOT EXISTS dim_users_v006 (
    user_id BIGINT NOT NULL ENCODE az64,
    user_name VARCHAR(256) NOT NULL ENCODE zstd,
    user_age SMALLINT ENCODE az64,
    user_country VARCHAR(128) NOT NULL ENCODE zstd,
    created_at DATE NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (user_id)
) DISTSTYLE KEY DISTKEY (user_id) SORTKEY (user_id);

INSERT INTO dim_users_v006 (user_id, user_name, user_age, user_country, created_at, load_id, loaded_at)
SELECT user_id, user_name, user_age, user_country, created_at, load_id, loaded_at FROM dim_users;

DROP TABLE dim_users;

ALTER TABLE dim_users_v006 RENAME TO dim_users;

CREATE TABLE IF NOT EXISTS dim_songs_v006 (
    track_id CHAR(22) NOT NULL ENCODE zstd,
    artists VARCHAR(1024) NOT NULL ENCODE zstd,
    album_name VARCHAR(512) NOT NULL ENCODE zstd,
    track_name VARCHAR(512) NOT NULL ENCODE zstd,
    popularity SMALLINT NOT NULL ENCODE az64,
    duration_ms INTEGER NOT NULL ENCODE az64,
    track_genre VARCHAR(64) NOT NULL ENCODE zstd,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (track_id)
) DISTSTYLE ALL SORTKEY (track_id);

INSERT INTO dim_songs_v006 (track_id, artists, album_name, track_name, popularity, duration_ms, track_genre, load_id, loaded_at)
SELECT track_id, artists, album_name, track_name, popularity, duration_ms, track_genre, load_id, loaded_at FROM dim_songs;

DROP TABLE dim_songs;

ALTER TABLE dim_songs_v006 RENAME TO dim_songs;

CREATE TABLE IF NOT EXISTS fact_streams_v006 (
    user_id BIGINT NOT NULL ENCODE az64,
    track_id CHAR(22) NOT NULL ENCODE zstd,
    listen_time TIMESTAMP NOT NULL ENCODE az64,
    listen_date DATE NOT NULL ENCODE raw,
    listen_hour SMALLINT NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64
) DISTSTYLE KEY DISTKEY (user_id) COMPOUND SORTKEY (listen_date, listen_hour);

INSERT INTO fact_streams_v006 (user_id, track_id, listen_time, listen_date, listen_hour, load_id, loaded_at)
SELECT user_id, track_id, listen_time, listen_date, listen_hour, load_id, loaded_at FROM fact_streams;

DROP TABLE fact_streams;

ALTER TABLE fact_streams_v006 RENAME TO fact_streams;
