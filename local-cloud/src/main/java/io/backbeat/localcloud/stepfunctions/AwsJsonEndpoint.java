package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A local endpoint of an AWS JSON protocol service (1.0 for DynamoDB, 1.1 for the Redshift Data
 * API): every call is a POST to {@code /} naming its operation in {@code X-Amz-Target}.
 */
final class AwsJsonEndpoint {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** A reply: HTTP status, JSON body, and the request id the service gave (or null). */
    record Response(int status, JsonNode body, String requestId) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The exception name of an error reply: {@code __type} without its namespace ({@code ns#Name}) or suffix ({@code :url}). */
        String errorName() {
            String type = body.path("__type").asText("");
            type = type.substring(type.lastIndexOf('#') + 1);
            int colon = type.indexOf(':');
            type = colon < 0 ? type : type.substring(0, colon);
            return type.isEmpty() ? "HttpStatus" + status : type;
        }

        String errorMessage() {
            JsonNode message = body.has("message") ? body.get("message") : body.path("Message");
            return message.isMissingNode() ? body.toString() : message.asText();
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI endpoint;
    private final String targetPrefix;
    private final String contentType;
    private final Map<String, String> headers;

    AwsJsonEndpoint(HttpClient http, ObjectMapper json, URI endpoint, String targetPrefix, String contentType,
            Map<String, String> headers) {
        this.http = http;
        this.json = json;
        this.endpoint = endpoint;
        this.targetPrefix = targetPrefix;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
    }

    URI endpoint() {
        return endpoint;
    }

    Response call(String operation, JsonNode body) throws IOException, InterruptedException {
        return call(operation, body, Map.of());
    }

    /** {@link #call(String, JsonNode)} with headers of this call's own (they replace the endpoint's of the same name). */
    Response call(String operation, JsonNode body, Map<String, String> callHeaders) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(CALL_TIMEOUT)
                .header("X-Amz-Target", targetPrefix + operation)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        headers.forEach((name, value) -> {
            if (!callHeaders.containsKey(name)) {
                request.header(name, value);
            }
        });
        callHeaders.forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        JsonNode reply = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        String requestId = response.headers().firstValue("x-amzn-RequestId")
                .or(() -> response.headers().firstValue("x-amz-request-id")).orElse(null);
        return new Response(response.statusCode(), reply, requestId);
    }
}
