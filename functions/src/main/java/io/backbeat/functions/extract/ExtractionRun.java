package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of one run's requests, and what it keeps: the artists in fifties; then, artist by artist, every page of
 * its albums; the albums they list, each once, in twenties as they come (with their first page of tracks); and the
 * further track pages of albums whose embedded page is not the whole album. Every successful response is written.
 *
 * <p>An artist fails, and the run goes on, when the API does not know it ({@code null} in {@code /v1/artists}),
 * when a request for its albums or for one of its albums gives up (a 404, say, or retries used up), or when the
 * deadline comes before its turn. No new artist starts after the deadline.
 */
final class ExtractionRun {
    static final String UNKNOWN_ARTIST = "unknown to the API (null in GET /v1/artists)";
    static final String NOT_AN_ID = "not a Spotify id (22 letters and digits)";

    private final SpotifyCatalogApi api;
    private final ResponseLog log;
    private final Clock clock;
    private final Instant deadline;
    private final ExtractionProgress progress;

    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> artists = new HashSet<>();
    private final Set<String> albums = new HashSet<>();
    private final Set<String> tracks = new HashSet<>();
    /** Every album listed so far and the artists that listed it (whose failure it is if the album cannot be had). */
    private final Map<String, Set<String>> albumArtists = new LinkedHashMap<>();
    private final Deque<String> pendingAlbums = new ArrayDeque<>();
    private int finished;
    private int total;

    ExtractionRun(SpotifyCatalogApi api, ResponseLog log, Clock clock, Instant deadline, ExtractionProgress progress) {
        this.api = api;
        this.log = log;
        this.clock = clock;
        this.deadline = deadline;
        this.progress = progress;
    }

    /** Fetches the catalogue of {@code ids} (distinct, in list order). */
    void extract(List<String> ids) throws IOException, InterruptedException {
        total = ids.size();
        List<String> valid = new ArrayList<>();
        for (String id : ids) {
            if (ArtistIds.isSpotifyId(id)) {
                valid.add(id);
            } else {
                started.add(id);
                fail(id, NOT_AN_ID);
                artistFinished();
            }
        }
        try {
            for (int from = 0; from < valid.size() && !pastDeadline(); from += SpotifyCatalogApi.ARTISTS_PER_REQUEST) {
                List<String> batch = valid.subList(from, Math.min(valid.size(), from + SpotifyCatalogApi.ARTISTS_PER_REQUEST));
                Set<String> known = fetchArtists(batch);
                for (String artist : batch) {
                    if (!known.contains(artist)) {
                        continue;
                    }
                    if (pastDeadline()) {
                        break;
                    }
                    started.add(artist);
                    listAlbums(artist);
                    while (pendingAlbums.size() >= SpotifyCatalogApi.ALBUMS_PER_REQUEST) {
                        fetchPendingAlbums();
                    }
                    artistFinished();
                }
            }
            while (!pendingAlbums.isEmpty()) {
                fetchPendingAlbums();
            }
        } finally {
            for (String id : ids) {
                if (!started.contains(id)) {
                    fail(id, ArtistFailure.NOT_REACHED);
                }
            }
        }
    }

    List<ArtistFailure> failures() {
        return failures.entrySet().stream().map(failure -> new ArtistFailure(failure.getKey(), failure.getValue())).toList();
    }

    int artists() {
        return artists.size();
    }

    int albums() {
        return albums.size();
    }

    int tracks() {
        return tracks.size();
    }

    /** The artists of {@code batch} the API knows; the others have failed. */
    private Set<String> fetchArtists(List<String> batch) throws IOException, InterruptedException {
        Set<String> known = new HashSet<>();
        ApiResponse response;
        try {
            response = api.artists(batch, deadline);
        } catch (RequestFailedException e) {
            if (e.isClientError() && batch.size() > 1) {
                // One malformed id fails the whole batch with a 400: ask for each alone to find it.
                for (String id : batch) {
                    known.addAll(fetchArtists(List.of(id)));
                }
                return known;
            }
            for (String id : batch) {
                started.add(id);
                fail(id, e.getMessage());
                artistFinished();
            }
            return known;
        }
        log.write(response);
        JsonNode found = response.body().path("artists");
        for (int i = 0; i < batch.size(); i++) {
            JsonNode artist = found.path(i);
            if (artist.isObject()) {
                known.add(batch.get(i));
                artists.add(artist.path("id").asText(batch.get(i)));
            } else {
                started.add(batch.get(i));
                fail(batch.get(i), UNKNOWN_ARTIST);
                artistFinished();
            }
        }
        return known;
    }

    private void listAlbums(String artist) throws IOException, InterruptedException {
        List<ApiResponse> pages;
        try {
            pages = api.artistAlbums(artist, deadline);
        } catch (RequestFailedException e) {
            fail(artist, e.getMessage());
            return;
        }
        for (ApiResponse page : pages) {
            log.write(page);
            for (JsonNode album : page.body().path("items")) {
                String id = album.path("id").asText("");
                if (id.isEmpty()) {
                    continue;
                }
                Set<String> listedBy = albumArtists.get(id);
                if (listedBy == null) {
                    listedBy = new LinkedHashSet<>();
                    albumArtists.put(id, listedBy);
                    pendingAlbums.add(id);
                }
                listedBy.add(artist);
            }
        }
    }

    private void fetchPendingAlbums() throws IOException, InterruptedException {
        List<String> batch = new ArrayList<>();
        while (batch.size() < SpotifyCatalogApi.ALBUMS_PER_REQUEST && !pendingAlbums.isEmpty()) {
            batch.add(pendingAlbums.poll());
        }
        ApiResponse response;
        try {
            response = api.albums(batch, deadline);
        } catch (RequestFailedException e) {
            for (String album : batch) {
                failArtistsOf(album, e.getMessage());
            }
            return;
        }
        log.write(response);
        JsonNode found = response.body().path("albums");
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.get(i);
            JsonNode album = found.path(i);
            if (!album.isObject()) {
                failArtistsOf(id, "album " + id + " unknown to the API (null in GET /v1/albums)");
                continue;
            }
            albums.add(id);
            JsonNode page = album.path("tracks");
            addTracks(page);
            int held = page.path("offset").asInt(0) + page.path("items").size();
            if (SpotifyCatalogApi.nextOf(page) != null || held < page.path("total").asInt(0)) {
                fetchMoreTracks(id, held);
            }
        }
    }

    private void fetchMoreTracks(String album, int offset) throws IOException, InterruptedException {
        List<ApiResponse> pages;
        try {
            pages = api.albumTracks(album, offset, deadline);
        } catch (RequestFailedException e) {
            failArtistsOf(album, e.getMessage());
            return;
        }
        for (ApiResponse page : pages) {
            log.write(page);
            addTracks(page.body());
        }
    }

    private void addTracks(JsonNode page) {
        for (JsonNode track : page.path("items")) {
            String id = track.path("id").asText("");
            if (!id.isEmpty()) {
                tracks.add(id);
            }
        }
    }

    private void failArtistsOf(String album, String reason) {
        for (String artist : albumArtists.getOrDefault(album, Set.of())) {
            fail(artist, reason);
        }
    }

    /** The first reason an artist failed is the one reported. */
    private void fail(String artist, String reason) {
        failures.putIfAbsent(artist, reason);
    }

    private void artistFinished() {
        finished++;
        progress.artistFinished(finished, total);
    }

    private boolean pastDeadline() {
        return !clock.instant().isBefore(deadline);
    }
}
