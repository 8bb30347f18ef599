package io.backbeat.cli.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The smallest stand-in for the Spotify Web API the command line needs: a token endpoint checking the client
 * credentials, and artists who each have one album of two tracks, the album shared by all of them. Ids not in
 * {@code known} are unknown ({@code null}). (The extractor's own tests play the API in full.)
 */
final class FakeSpotify implements AutoCloseable {
    static final String CLIENT_ID = "cli0client0id0000000000000000001";
    static final String CLIENT_SECRET = "cliS3cretNeverPrinted000000000042";
    static final String ALBUM = "album00000000000000001";
    static final String TOKEN = "BQcliFakeAccessToken0001";

    private final HttpServer server;
    private final Set<String> known;
    private final List<String> apiRequests = new ArrayList<>();
    private int tokenRequests;

    FakeSpotify(Set<String> known) throws IOException {
        this.known = known;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/token", this::token);
        server.createContext("/v1/", this::api);
        server.start();
    }

    String base() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    synchronized List<String> apiRequests() {
        return List.copyOf(apiRequests);
    }

    synchronized int tokenRequests() {
        return tokenRequests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void token(HttpExchange exchange) throws IOException {
        tokenRequests++;
        exchange.getRequestBody().readAllBytes();
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private synchronized void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        apiRequests.add(path + (query == null ? "" : "?" + query));
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}");
        } else if (path.equals("/v1/artists")) {
            List<String> items = new ArrayList<>();
            for (String id : query.substring("ids=".length()).split(",")) {
                items.add(known.contains(id) ? "{\"id\":\"" + id + "\",\"name\":\"Artist " + id + "\",\"genres\":[\"folk\"],"
                        + "\"followers\":{\"href\":null,\"total\":10},\"popularity\":5,\"type\":\"artist\"}" : "null");
            }
            respond(exchange, 200, "{\"artists\":[" + String.join(",", items) + "]}");
        } else if (path.startsWith("/v1/artists/")) {
            respond(exchange, 200, "{\"items\":[{\"id\":\"" + ALBUM + "\",\"name\":\"Shared\"}],\"limit\":50,\"next\":null,"
                    + "\"offset\":0,\"total\":1}");
        } else if (path.equals("/v1/albums")) {
            respond(exchange, 200, "{\"albums\":[{\"id\":\"" + ALBUM + "\",\"name\":\"Shared\",\"album_type\":\"album\","
                    + "\"release_date\":\"1999-05\",\"release_date_precision\":\"month\",\"total_tracks\":2,\"artists\":["
                    + credits() + "],\"tracks\":{\"items\":[" + track(1) + "," + track(2) + "],\"limit\":50,\"next\":null,"
                    + "\"offset\":0,\"total\":2}}]}");
        } else {
            respond(exchange, 404, "{\"error\":{\"status\":404,\"message\":\"Resource not found\"}}");
        }
    }

    private String credits() {
        return known.stream().sorted().map(id -> "{\"id\":\"" + id + "\",\"name\":\"Artist " + id + "\",\"type\":\"artist\"}")
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    private String track(int number) {
        return "{\"id\":\"track0000000000000000" + number + "\",\"name\":\"Song " + number + "\",\"track_number\":" + number
                + ",\"disc_number\":1,\"duration_ms\":200000,\"explicit\":false,\"artists\":[" + credits() + "]}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
