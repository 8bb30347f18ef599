package io.backbeat.infra;

import io.backbeat.events.Zone;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What may differ between environments in the catalogue extraction ({@link CatalogExtraction}), each a CDK context key
 * ({@link ContextSettings}).
 *
 * <pre>{@code
 * CatalogSettings settings = CatalogSettings.defaults().withSchedule("cron(30 4 ? * MON *)");
 * }</pre>
 *
 * @param artistListKey the key, in the landing bucket, of the artist list (one Spotify artist id a line); outside
 *     every zone, so that no bucket notification starts a stage for it
 * @param schedule an EventBridge Scheduler expression, {@code rate(...)} or {@code cron(...)}, evaluated in UTC
 *     (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html)
 * @param scheduleEnabled whether the schedule starts extractions (a disabled schedule stays in the stack, state
 *     DISABLED, and extractions are started by hand)
 * @param apiBaseUrl the Web API's base URL, without {@code /v1}
 * @param tokenUrl the client-credentials token endpoint
 * @param artistsPerBatch how many artists one invocation of the extract function gets (the Distributed Map's
 *     {@code MaxItemsPerBatch})
 * @throws IllegalArgumentException naming the field, and for a key what to choose instead
 */
public record CatalogSettings(String artistListKey, String schedule, boolean scheduleEnabled, String apiBaseUrl,
        String tokenUrl, int artistsPerBatch) {
    /** Where the operator uploads the artist list unless told otherwise: not under {@code raw/}, so nothing starts on it. */
    public static final String DEFAULT_ARTIST_LIST_KEY = "config/catalog/artist-ids.txt";
    /**
     * Daily at 03:00 UTC: a fixed time rather than {@code rate(1 day)}, which with no start date starts one as soon as
     * the schedule is created (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
     */
    public static final String DEFAULT_SCHEDULE = "cron(0 3 * * ? *)";
    public static final String DEFAULT_API_BASE_URL = "https://api.spotify.com";
    public static final String DEFAULT_TOKEN_URL = "https://accounts.spotify.com/api/token";
    /**
     * 50 artists an invocation: one {@code /v1/artists} request (it takes 50 ids), then a handful an artist (album
     * pages, albums in twenties, long track lists), about 200 requests, well within the function's 14 minutes even
     * with waits on HTTP 429. Artists the function cannot start two minutes before its end are reported failed.
     */
    public static final int DEFAULT_ARTISTS_PER_BATCH = 50;
    /**
     * A batch is sent to the function as state input, at most 256 KiB
     * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html); 1,000 ids of 22 characters, as
     * {@code {"artist_id":"..."}} items, are about 40 KB.
     */
    static final int MAX_ARTISTS_PER_BATCH = 1_000;
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");

    public CatalogSettings {
        Objects.requireNonNull(artistListKey, "artistListKey must not be null");
        Objects.requireNonNull(schedule, "schedule must not be null");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl must not be null");
        Objects.requireNonNull(tokenUrl, "tokenUrl must not be null");
        artistListKey = artistListKey.strip();
        if (artistListKey.isEmpty() || artistListKey.startsWith("/") || artistListKey.endsWith("/")) {
            throw new IllegalArgumentException("artistListKey must be an object key such as " + DEFAULT_ARTIST_LIST_KEY
                    + " (no leading or trailing /), got '" + artistListKey + "'");
        }
        for (Zone zone : Zone.values()) {
            if (artistListKey.startsWith(zone.prefix() + "/")) {
                throw new IllegalArgumentException("artistListKey must not be under a zone of the pipeline (" + zone.prefix()
                        + "/), where uploads start stages; got '" + artistListKey + "', use e.g. " + DEFAULT_ARTIST_LIST_KEY);
            }
        }
        schedule = schedule.strip();
        if (!SCHEDULE.matcher(schedule).matches()) {
            throw new IllegalArgumentException("schedule must be an EventBridge Scheduler rate(...) or cron(...) expression,"
                    + " e.g. " + DEFAULT_SCHEDULE + " (daily at 03:00 UTC), got '" + schedule + "'");
        }
        apiBaseUrl = url("apiBaseUrl", apiBaseUrl);
        tokenUrl = url("tokenUrl", tokenUrl);
        if (artistsPerBatch < 1 || artistsPerBatch > MAX_ARTISTS_PER_BATCH) {
            throw new IllegalArgumentException("artistsPerBatch must be within 1.." + MAX_ARTISTS_PER_BATCH + ", got "
                    + artistsPerBatch);
        }
    }

    /** The artist list at {@value #DEFAULT_ARTIST_LIST_KEY}, daily at 03:00 UTC, the Spotify Web API, 50 artists a batch. */
    public static CatalogSettings defaults() {
        return new CatalogSettings(DEFAULT_ARTIST_LIST_KEY, DEFAULT_SCHEDULE, true, DEFAULT_API_BASE_URL, DEFAULT_TOKEN_URL,
                DEFAULT_ARTISTS_PER_BATCH);
    }

    public CatalogSettings withArtistListKey(String newKey) {
        return new CatalogSettings(newKey, schedule, scheduleEnabled, apiBaseUrl, tokenUrl, artistsPerBatch);
    }

    public CatalogSettings withSchedule(String newSchedule) {
        return new CatalogSettings(artistListKey, newSchedule, scheduleEnabled, apiBaseUrl, tokenUrl, artistsPerBatch);
    }

    public CatalogSettings withScheduleEnabled(boolean enabled) {
        return new CatalogSettings(artistListKey, schedule, enabled, apiBaseUrl, tokenUrl, artistsPerBatch);
    }

    public CatalogSettings withApiBaseUrl(String newUrl) {
        return new CatalogSettings(artistListKey, schedule, scheduleEnabled, newUrl, tokenUrl, artistsPerBatch);
    }

    public CatalogSettings withTokenUrl(String newUrl) {
        return new CatalogSettings(artistListKey, schedule, scheduleEnabled, apiBaseUrl, newUrl, artistsPerBatch);
    }

    public CatalogSettings withArtistsPerBatch(int newSize) {
        return new CatalogSettings(artistListKey, schedule, scheduleEnabled, apiBaseUrl, tokenUrl, newSize);
    }

    /** An absolute http(s) URL without credentials, query or fragment; a trailing {@code /} is dropped. */
    private static String url(String field, String value) {
        String text = value.strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(field + " must be an absolute http(s) URL without user info, query or"
                        + " fragment, e.g. " + (field.equals("tokenUrl") ? DEFAULT_TOKEN_URL : DEFAULT_API_BASE_URL)
                        + ", got '" + value + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URL: '" + value + "' (" + e.getReason() + ")", e);
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
