-- The music catalogue extracted from the Spotify Web API (the catalog dataset, CatalogContract): artists and their
-- genres, albums and their credited artists, tracks and their credited artists, keyed by Spotify ids. A load merges
-- each table on its key (a later extraction updates followers, popularity and names) and replaces the genres and
-- credits of every artist, album and track it holds, so a genre or a credit the API dropped goes too. Small tables
-- next to the facts: copied to every node (DISTSTYLE ALL: joined to any play by id without redistribution).
-- release_date is a DATE: a year-only date is its January 1st, a month its first day, release_date_precision says
-- which the API gave.
CREATE TABLE IF NOT EXISTS dim_artists (
    artist_id CHAR(22) NOT NULL ENCODE zstd,
    name VARCHAR(1024) NOT NULL ENCODE zstd,
    followers BIGINT NOT NULL ENCODE az64,
    popularity SMALLINT NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (artist_id)
) DISTSTYLE ALL SORTKEY (artist_id);

CREATE TABLE IF NOT EXISTS dim_artist_genres (
    artist_id CHAR(22) NOT NULL ENCODE zstd,
    genre VARCHAR(256) NOT NULL ENCODE zstd,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (artist_id, genre)
) DISTSTYLE ALL SORTKEY (artist_id);

CREATE TABLE IF NOT EXISTS dim_albums (
    album_id CHAR(22) NOT NULL ENCODE zstd,
    name VARCHAR(1024) NOT NULL ENCODE zstd,
    album_type VARCHAR(11) NOT NULL ENCODE zstd,
    release_date DATE NOT NULL ENCODE az64,
    release_date_precision VARCHAR(5) NOT NULL ENCODE zstd,
    total_tracks INTEGER NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (album_id)
) DISTSTYLE ALL SORTKEY (album_id);

CREATE TABLE IF NOT EXISTS dim_album_artists (
    album_id CHAR(22) NOT NULL ENCODE zstd,
    artist_id CHAR(22) NOT NULL ENCODE zstd,
    position SMALLINT NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (album_id, artist_id)
) DISTSTYLE ALL SORTKEY (album_id);

CREATE TABLE IF NOT EXISTS dim_tracks (
    track_id CHAR(22) NOT NULL ENCODE zstd,
    album_id CHAR(22) NOT NULL ENCODE zstd,
    name VARCHAR(1024) NOT NULL ENCODE zstd,
    track_number INTEGER NOT NULL ENCODE az64,
    disc_number SMALLINT NOT NULL ENCODE az64,
    duration_ms INTEGER NOT NULL ENCODE az64,
    explicit BOOLEAN NOT NULL ENCODE raw,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (track_id)
) DISTSTYLE ALL SORTKEY (track_id);

CREATE TABLE IF NOT EXISTS dim_track_artists (
    track_id CHAR(22) NOT NULL ENCODE zstd,
    artist_id CHAR(22) NOT NULL ENCODE zstd,
    position SMALLINT NOT NULL ENCODE az64,
    load_id VARCHAR(64) NOT NULL ENCODE zstd,
    loaded_at TIMESTAMP NOT NULL ENCODE az64,
    PRIMARY KEY (track_id, artist_id)
) DISTSTYLE ALL SORTKEY (track_id);
