package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.functions.storage.ObjectOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * The output of a run: newline-delimited JSON, gzip-compressed, one API response a line:
 *
 * <pre>{@code
 * {"requested_at":"2026-12-03T04:00:01.250Z","kind":"artists","request":"GET /v1/artists?ids=...","status":200,"body":{...}}
 * }</pre>
 *
 * {@code requested_at} is UTC with milliseconds; {@code request} is the method, path and query relative to the API
 * root (never a token or a credential); {@code body} is the response JSON as received, on one line. Lines are
 * streamed to the object as they come; nothing is published until {@link #close()} (the caller aborts the output
 * instead when the run fails).
 */
final class ResponseLog implements AutoCloseable {
    static final String CONTENT_TYPE = "application/gzip";
    static final DateTimeFormatter REQUESTED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream gzip;
    private long lines;

    ResponseLog(ObjectOutput output) throws IOException {
        this.gzip = new GZIPOutputStream(Objects.requireNonNull(output, "output must not be null"), BUFFER_BYTES);
    }

    synchronized void write(ApiResponse response) throws IOException {
        ObjectNode line = ApiClient.JSON.createObjectNode();
        line.put("requested_at", REQUESTED_AT.format(response.requestedAt()));
        line.put("kind", response.kind().wireName());
        line.put("request", response.request());
        line.put("status", response.status());
        line.set("body", response.body());
        gzip.write(ApiClient.JSON.writeValueAsBytes(line));
        gzip.write('\n');
        lines++;
    }

    synchronized long lines() {
        return lines;
    }

    /** Finishes the gzip stream and publishes the object. */
    @Override
    public synchronized void close() throws IOException {
        gzip.close();
    }
}
