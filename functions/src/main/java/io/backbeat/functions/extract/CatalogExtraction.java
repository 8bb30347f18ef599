package io.backbeat.functions.extract;

import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the catalogue of a list of artists from a Spotify-style Web API into one newline-delimited JSON file:
 * the artists, their albums and singles, and the albums' tracks, one API response a line (see {@link ResponseLog}).
 *
 * <pre>{@code
 * CatalogExtraction extraction = CatalogExtraction.create(CatalogEndpoints.spotify(), secret, ExtractionProgress.NONE);
 * ExtractionSummary summary = extraction.run(ids, Instant.now().plus(Duration.ofMinutes(13)), store,
 *         CatalogKeys.runKey(runId));
 * }</pre>
 *
 * <p>It authenticates before anything else; when that fails it throws {@link AuthenticationException}, having made no
 * API request and written nothing. An artist that cannot be fetched is reported in the summary and the run goes on.
 * No secret and no token is written or logged.
 */
public final class CatalogExtraction {
    /** Time for one HTTP request, connection included. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(CatalogExtraction.class);

    private final CatalogEndpoints endpoints;
    private final ClientSecret secret;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final ExtractionProgress progress;

    CatalogExtraction(CatalogEndpoints endpoints, ClientSecret secret, HttpClient http, Clock clock, Sleeper sleeper,
            Backoff backoff, ExtractionProgress progress) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints must not be null");
        this.secret = Objects.requireNonNull(secret, "secret must not be null");
        this.http = Objects.requireNonNull(http, "http must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.progress = Objects.requireNonNull(progress, "progress must not be null");
    }

    /** An extraction with the system clock, real waits and its own HTTP client (redirects not followed). */
    public static CatalogExtraction create(CatalogEndpoints endpoints, ClientSecret secret, ExtractionProgress progress) {
        return create(endpoints, secret, progress, httpClient());
    }

    /** The same on a given HTTP client: the function builds one per container, not one per invocation. */
    static CatalogExtraction create(CatalogEndpoints endpoints, ClientSecret secret, ExtractionProgress progress,
            HttpClient http) {
        return new CatalogExtraction(endpoints, secret, http, Clock.systemUTC(), Sleeper.SYSTEM,
                Backoff.withDefaults(new SplittableRandom()), progress);
    }

    /** The HTTP client of the real thing: a token must never follow a redirect to another host. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Fetches the catalogue of {@code artistIds} into the object {@code key} of {@code store}; nothing is published
     * when no response came back (or when the run throws).
     *
     * @param artistIds the artists, repeated ids counted once
     * @param deadline no artist starts at or after it; the ones left are failed as {@link ArtistFailure#NOT_REACHED}
     * @throws AuthenticationException when the token endpoint refuses the credentials or cannot be reached
     * @throws IOException when the output cannot be written
     */
    public ExtractionSummary run(List<String> artistIds, Instant deadline, ObjectStore store, String key)
            throws IOException, InterruptedException {
        Objects.requireNonNull(deadline, "deadline must not be null");
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(key, "key must not be null");
        List<String> ids = List.copyOf(new LinkedHashSet<>(artistIds));
        ExtractionCounters counters = new ExtractionCounters();
        Retries retries = new Retries(new RateLimit(clock, sleeper), backoff, sleeper, clock, counters, progress,
                Retries.DEFAULT_MAX_RATE_LIMITED);
        ClientCredentials credentials = new ClientCredentials(http, endpoints.tokenUrl(), secret, retries, REQUEST_TIMEOUT);
        SpotifyCatalogApi api = new SpotifyCatalogApi(new ApiClient(http, endpoints.apiBase(), credentials, retries,
                counters, REQUEST_TIMEOUT));
        if (ids.stream().anyMatch(ArtistIds::isSpotifyId)) {
            credentials.token(deadline);
        }
        ObjectOutput output = store.create(key, ResponseLog.CONTENT_TYPE);
        ExtractionRun run;
        ResponseLog log = null;
        boolean published = false;
        try {
            log = new ResponseLog(output);
            run = new ExtractionRun(api, log, clock, deadline, progress);
            run.extract(ids);
            if (log.lines() > 0) {
                log.close();
                published = true;
            }
        } finally {
            if (!published) {
                output.abort();
            }
        }
        String file = published ? key : null;
        ExtractionSummary summary = new ExtractionSummary(ids.size(), run.artists(), run.albums(), run.tracks(),
                counters.requests.get(), counters.retries429.get(), counters.retriesTransient.get(), credentials.refreshes(),
                log.lines(), file, run.failures());
        LOG.info("catalogue extraction: {} artists asked for, {} fetched, {} albums, {} tracks, {} requests, {} HTTP 429,"
                        + " {} other retries, {} token refreshes, {} failed artists; {} lines to {}",
                summary.artistsRequested(), summary.artists(), summary.albums(), summary.tracks(), summary.requests(),
                summary.retries429(), summary.retriesTransient(), summary.tokenRefreshes(), summary.failedArtists(),
                summary.lines(), file == null ? "nothing (no response)" : store.locate(file));
        return summary;
    }
}
