package io.backbeat.functions.extract;

import io.backbeat.events.contract.CatalogContract;

/** The four calls of the catalogue API, named as the {@code kind} field of an output line. */
enum RequestKind {
    /** {@code GET /v1/artists?ids=} (up to 50): {@code {"artists":[...]}}, {@code null} for an unknown id. */
    ARTISTS(CatalogContract.KIND_ARTISTS),
    /** {@code GET /v1/artists/{id}/albums?include_groups=album,single&limit=50&offset=}: a page of simplified albums. */
    ARTIST_ALBUMS(CatalogContract.KIND_ARTIST_ALBUMS),
    /** {@code GET /v1/albums?ids=} (up to 20): {@code {"albums":[...]}}, each with its first page of tracks. */
    ALBUMS(CatalogContract.KIND_ALBUMS),
    /** {@code GET /v1/albums/{id}/tracks?limit=50&offset=}: a further page of an album's simplified tracks. */
    ALBUM_TRACKS(CatalogContract.KIND_ALBUM_TRACKS);

    private final String wireName;

    RequestKind(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code kind} value written to the output. */
    String wireName() {
        return wireName;
    }
}
