package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The bearer token of the client-credentials flow: {@code POST} to the token URL with
 * {@code grant_type=client_credentials} and HTTP Basic authentication of the client id and secret
 * (https://developer.spotify.com/documentation/web-api/tutorials/client-credentials-flow). The token is kept for its
 * {@code expires_in} seconds, less a margin, and fetched again then, or at once when the API rejects it with a 401.
 *
 * <p>Neither the secret nor a token ever goes into a message or a log line: errors name the token URL, the HTTP
 * status and the endpoint's error code only.
 */
final class ClientCredentials {
    /** Refresh this long before the token runs out, at most (half its lifetime for short-lived tokens). */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** Lifetime assumed when the token response has no {@code expires_in}. */
    static final Duration LIFETIME_WITHOUT_EXPIRY = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUrl;
    private final String basicAuthorization;
    private final Retries retries;
    private final Duration timeout;
    private String token;
    private Instant refreshAt = Instant.MIN;
    private int tokensFetched;

    ClientCredentials(HttpClient http, URI tokenUrl, ClientSecret secret, Retries retries, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http must not be null");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        this.retries = Objects.requireNonNull(retries, "retries must not be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
        // RFC 6749 section 2.3.1: each part form-encoded, then joined by a colon and Base64-encoded.
        String pair = URLEncoder.encode(secret.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret.clientSecret(), StandardCharsets.UTF_8);
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A token valid for a while yet, fetched when there is none or the current one is about to run out.
     *
     * @throws AuthenticationException when the token endpoint refuses the credentials or cannot be reached
     */
    synchronized String token(Instant deadline) throws InterruptedException {
        if (token == null || !retries.clock().instant().isBefore(refreshAt)) {
            fetch(deadline);
        }
        return token;
    }

    /** The API answered 401 to {@code rejected}: the next {@link #token} fetches a new one (once per rejected token). */
    synchronized void rejected(String rejected) {
        if (Objects.equals(token, rejected)) {
            token = null;
        }
    }

    /** Tokens fetched after the first. */
    synchronized int refreshes() {
        return Math.max(0, tokensFetched - 1);
    }

    private void fetch(Instant deadline) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Retries.Attempts attempts = retries.start("POST " + tokenUrl, deadline);
        try {
            while (true) {
                attempts.beforeAttempt();
                Instant sent = retries.clock().instant();
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    attempts.transientFailure(0, "connection failed (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                int status = response.statusCode();
                if (status == 200) {
                    accept(response.body(), sent);
                    return;
                }
                if (status == 429) {
                    attempts.rateLimited(RateLimit.retryAfter(response.headers().firstValue("Retry-After"), sent));
                } else if (status >= 500) {
                    attempts.transientFailure(status, "HTTP " + status);
                } else {
                    throw new AuthenticationException("the token endpoint " + tokenUrl + " refused the client credentials: HTTP "
                            + status + errorOf(response.body()) + "; check the client id and secret of the app");
                }
            }
        } catch (RequestFailedException e) {
            throw new AuthenticationException("no access token from " + tokenUrl + ": " + e.getMessage());
        }
    }

    private void accept(byte[] body, Instant sent) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            // Not the parser's message: it may quote the body, which holds the token.
            throw new AuthenticationException("the token endpoint " + tokenUrl + " answered 200 without a JSON body");
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new AuthenticationException("the token endpoint " + tokenUrl + " answered 200 without an access_token");
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : LIFETIME_WITHOUT_EXPIRY;
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        token = accessToken.asText();
        refreshAt = sent.plus(lifetime).minus(margin);
        tokensFetched++;
    }

    /** The OAuth error code and description of a refusal ({@code invalid_client}), which never hold a credential. */
    private static String errorOf(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.hasNonNull("error")) {
                return "";
            }
            String error = json.get("error").isTextual() ? json.get("error").asText() : "";
            String description = json.path("error_description").asText("");
            String text = description.isEmpty() ? error : error + ": " + description;
            return text.isEmpty() ? "" : " (" + shorten(text) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
