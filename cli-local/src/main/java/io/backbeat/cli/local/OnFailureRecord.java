package io.backbeat.cli.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The message Lambda's on-failure destination sends for an asynchronous invocation that failed every
 * retry: the function, the condition, the original event as {@code requestPayload} and the error as
 * {@code responsePayload}. The local stack sends the same shape to its dead-letter queue, so
 * {@code backbeat replay --dead-letters} reads both alike.
 */
final class OnFailureRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnFailureRecord() {}

    static String of(String functionArn, String eventJson, Throwable error, int attempts) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", functionArn + ":$LATEST");
        request.put("condition", "RetriesExhausted");
        request.put("approximateInvokeCount", attempts);
        try {
            record.set("requestPayload", JSON.readTree(eventJson));
        } catch (IOException e) {
            throw new UncheckedIOException("the event is not JSON", e);
        }
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        ObjectNode payload = record.putObject("responsePayload");
        payload.put("errorMessage", String.valueOf(error.getMessage()));
        payload.put("errorType", error.getClass().getName());
        return record.toString();
    }
}
