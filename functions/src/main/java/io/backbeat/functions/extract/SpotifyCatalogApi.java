package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The four calls of the Spotify Web API that the catalogue needs, as its reference describes them
 * (https://developer.spotify.com/documentation/web-api/reference/get-multiple-artists, {@code get-an-artists-albums},
 * {@code get-multiple-albums}, {@code get-an-albums-tracks}): several artists (up to 50 ids), an artist's albums and
 * singles page by page through {@code next}, several albums (up to 20 ids) with their first page of tracks, and the
 * further pages of an album's tracks. Every page comes back as received; nothing is flattened here.
 */
final class SpotifyCatalogApi {
    static final int ARTISTS_PER_REQUEST = 50;
    static final int ALBUMS_PER_REQUEST = 20;
    static final int PAGE_LIMIT = 50;
    /** Pages followed for one listing before it is taken for a loop (10,000 items at 50 a page). */
    static final int MAX_PAGES = 200;

    private final ApiClient client;

    SpotifyCatalogApi(ApiClient client) {
        this.client = Objects.requireNonNull(client, "client must not be null");
    }

    /** {@code GET /v1/artists?ids=}: {@code {"artists":[...]}} in the order asked, {@code null} for an unknown id. */
    ApiResponse artists(List<String> ids, Instant deadline) throws InterruptedException {
        requireBatch(ids, ARTISTS_PER_REQUEST);
        return client.get(RequestKind.ARTISTS, "/v1/artists?ids=" + String.join(",", ids), deadline);
    }

    /** Every page of an artist's albums and singles, following {@code next} from offset 0. */
    List<ApiResponse> artistAlbums(String artistId, Instant deadline) throws InterruptedException {
        String first = "/v1/artists/" + artistId + "/albums?include_groups=album,single&limit=" + PAGE_LIMIT + "&offset=0";
        return pages(RequestKind.ARTIST_ALBUMS, first, deadline);
    }

    /** {@code GET /v1/albums?ids=}: {@code {"albums":[...]}} in the order asked, {@code null} for an unknown id. */
    ApiResponse albums(List<String> ids, Instant deadline) throws InterruptedException {
        requireBatch(ids, ALBUMS_PER_REQUEST);
        return client.get(RequestKind.ALBUMS, "/v1/albums?ids=" + String.join(",", ids), deadline);
    }

    /** The pages of an album's tracks from {@code offset} on (the tracks the album's embedded page did not hold). */
    List<ApiResponse> albumTracks(String albumId, int offset, Instant deadline) throws InterruptedException {
        String first = "/v1/albums/" + albumId + "/tracks?limit=" + PAGE_LIMIT + "&offset=" + offset;
        return pages(RequestKind.ALBUM_TRACKS, first, deadline);
    }

    /** The paging object's {@code next} link, if there is one. */
    static String nextOf(JsonNode page) {
        JsonNode next = page.get("next");
        return next != null && next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
    }

    private List<ApiResponse> pages(RequestKind kind, String first, Instant deadline) throws InterruptedException {
        List<ApiResponse> pages = new ArrayList<>();
        String pathAndQuery = first;
        while (pathAndQuery != null) {
            if (pages.size() == MAX_PAGES) {
                throw new RequestFailedException("GET " + first, 0, "more than " + MAX_PAGES + " pages; the API's next links"
                        + " do not end");
            }
            ApiResponse page = client.get(kind, pathAndQuery, deadline);
            pages.add(page);
            String next = nextOf(page.body());
            pathAndQuery = next == null ? null : client.pathOf(next);
        }
        return pages;
    }

    private static void requireBatch(List<String> ids, int most) {
        if (ids.isEmpty() || ids.size() > most) {
            throw new IllegalArgumentException("a batch holds 1 to " + most + " ids, got " + ids.size());
        }
    }
}
