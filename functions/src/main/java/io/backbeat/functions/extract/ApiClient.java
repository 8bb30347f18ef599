package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Sends one {@code GET} to the API with the bearer token and retries it as the API asks: a 401 fetches a new token
 * and retries once; a 429 waits the {@code Retry-After} time (every request of the run waits); a 5xx or a connection
 * failure retries after a backoff delay. Any other answer ends the request.
 *
 * <p>Requests only ever go to the configured base URL: a {@code next} link is followed by its path and query, so a
 * token is never sent to another host, and redirects are not followed.
 */
final class ApiClient {
    /** Numbers as received: a float keeps its digits, so a body is written back as it came. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final HttpClient http;
    private final String base;
    private final String basePath;
    private final ClientCredentials credentials;
    private final Retries retries;
    private final ExtractionCounters counters;
    private final Duration timeout;

    ApiClient(HttpClient http, URI apiBase, ClientCredentials credentials, Retries retries, ExtractionCounters counters,
            Duration timeout) {
        this.http = Objects.requireNonNull(http, "http must not be null");
        String text = Objects.requireNonNull(apiBase, "apiBase must not be null").toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.basePath = URI.create(base).getRawPath() == null ? "" : URI.create(base).getRawPath();
        this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
        this.retries = Objects.requireNonNull(retries, "retries must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    }

    /**
     * @param pathAndQuery relative to the API root, starting {@code /v1/}
     * @throws RequestFailedException when the request gives up (the reason says why)
     * @throws AuthenticationException when no token can be had
     */
    ApiResponse get(RequestKind kind, String pathAndQuery, Instant deadline) throws InterruptedException {
        String request = "GET " + pathAndQuery;
        URI uri = URI.create(base + pathAndQuery);
        Retries.Attempts attempts = retries.start(request, deadline);
        boolean tokenRefreshed = false;
        while (true) {
            attempts.beforeAttempt();
            String token = credentials.token(deadline);
            Instant requestedAt = retries.clock().instant();
            HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            counters.requests.incrementAndGet();
            HttpResponse<byte[]> response;
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                attempts.transientFailure(0, "connection failed (" + e.getClass().getSimpleName() + ")");
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new ApiResponse(kind, request, status, requestedAt, parse(request, status, response.body()));
            }
            if (status == 401 && !tokenRefreshed) {
                credentials.rejected(token);
                tokenRefreshed = true;
            } else if (status == 429) {
                attempts.rateLimited(RateLimit.retryAfter(response.headers().firstValue("Retry-After"), requestedAt));
            } else if (status >= 500) {
                attempts.transientFailure(status, "HTTP " + status);
            } else {
                String after = status == 401 ? " with a freshly fetched token" : "";
                throw new RequestFailedException(request, status, "HTTP " + status + after + messageOf(response.body()));
            }
        }
    }

    /**
     * A {@code next} link of a paging object as a path and query relative to the API root: its host is ignored (the
     * request goes to the configured base) and the base's own path, if any, is taken off.
     */
    String pathOf(String nextUrl) {
        URI next = URI.create(nextUrl);
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        if (!basePath.isEmpty() && path.startsWith(basePath + "/")) {
            path = path.substring(basePath.length());
        }
        return next.getRawQuery() == null ? path : path + "?" + next.getRawQuery();
    }

    private static JsonNode parse(String request, int status, byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new RequestFailedException(request, status, "HTTP " + status + " without a JSON object in the body");
            }
            return json;
        } catch (IOException e) {
            throw new RequestFailedException(request, status, "HTTP " + status + " with a body that is not JSON");
        }
    }

    /** The API's error message ({@code {"error":{"status":404,"message":"..."}}}), if the body has one. */
    private static String messageOf(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return ""; // an HTML error page, say: the status says enough
        }
        JsonNode message = root == null ? null : root.path("error").path("message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            return "";
        }
        String text = message.asText();
        return " (" + (text.length() <= 200 ? text : text.substring(0, 200) + "...") + ")";
    }
}
