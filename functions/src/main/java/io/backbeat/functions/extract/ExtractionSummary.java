package io.backbeat.functions.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run fetched and what it cost.
 *
 * @param artistsRequested distinct artist ids asked for
 * @param artists distinct artists the API returned
 * @param albums distinct albums fetched
 * @param tracks distinct tracks fetched
 * @param requests HTTP requests sent to the API, retries included (token requests not counted)
 * @param retries429 HTTP 429 answers waited out
 * @param retriesTransient retries after a 5xx or a connection failure
 * @param tokenRefreshes tokens fetched after the first (expiry or a 401)
 * @param lines lines written (one per successful response)
 * @param file the key of the file written, or null when nothing was written
 * @param failures the artists not fetched completely, in list order
 */
public record ExtractionSummary(int artistsRequested, int artists, int albums, int tracks, long requests, long retries429,
        long retriesTransient, long tokenRefreshes, long lines, String file, List<ArtistFailure> failures) {

    public ExtractionSummary {
        failures = List.copyOf(failures);
    }

    public int failedArtists() {
        return failures.size();
    }

    /** The summary as the command line prints it and the function returns it (snake_case keys, fixed order). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("artists_requested", artistsRequested);
        json.put("artists", artists);
        json.put("albums", albums);
        json.put("tracks", tracks);
        json.put("requests", requests);
        json.put("retries_429", retries429);
        json.put("retries_transient", retriesTransient);
        json.put("token_refreshes", tokenRefreshes);
        json.put("lines", lines);
        json.put("files", file == null ? List.of() : List.of(file));
        json.put("failed_artists", failures.size());
        json.put("failures", failures.stream()
                .map(ArtistFailure::toJson)
                .toList());
        return json;
    }
}
