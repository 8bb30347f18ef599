package io.backbeat.functions.extract;

/**
 * One request gave up: an answer that retrying cannot change (a 4xx other than 401 and 429), retries used up, or a
 * wait that would end past the deadline. The run records the artists it concerns as failed and goes on.
 */
final class RequestFailedException extends RuntimeException {
    private final String request;
    private final int status;

    /**
     * @param request what was sent, e.g. {@code GET /v1/artists/{id}/albums?...} (never a token)
     * @param status the last HTTP status, 0 when there was none
     * @param reason why it gave up
     */
    RequestFailedException(String request, int status, String reason) {
        super(request + " failed: " + reason);
        this.request = request;
        this.status = status;
    }

    String request() {
        return request;
    }

    int status() {
        return status;
    }

    /** A 4xx answer: the request itself is wrong (an unknown or malformed id), not the moment. */
    boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
