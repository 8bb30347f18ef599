package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One successful answer of the API, as it goes into the output.
 *
 * @param kind which of the four calls
 * @param request method, path and query relative to the API root, e.g. {@code GET /v1/artists?ids=...}; never a token
 * @param status the HTTP status (2xx)
 * @param requestedAt when the request was sent
 * @param body the response JSON as received
 */
record ApiResponse(RequestKind kind, String request, int status, Instant requestedAt, JsonNode body) {

    ApiResponse {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(requestedAt, "requestedAt must not be null");
        Objects.requireNonNull(body, "body must not be null");
    }
}
