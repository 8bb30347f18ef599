package io.backbeat.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What extract calls besides S3, for its cold start: Secrets Manager's {@code GetSecretValue} (the client credentials)
 * and the Web API (a token, then {@link #ARTIST}'s record, its one album and the album's two tracks, in the shapes of
 * the API reference), on one local port. The local cloud has neither, and the benchmark times the handler's start, not
 * the API, so every answer is fixed and immediate.
 */
final class CatalogStandIn implements AutoCloseable {
    /** The one artist a cold-start batch asks for. */
    static final String ARTIST = "0TnOYISbd1XYRBk9myaseg";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:backbeat-coldstart-AbCdEf";
    private static final String ALBUM = "4aawyAB9vmqN3uQ7FjRGTy";
    private static final String CREDIT = "[{\"id\":\"" + ARTIST + "\",\"name\":\"Cold Start\",\"type\":\"artist\",\"uri\":\"spotify:artist:"
            + ARTIST + "\"}]";

    private final HttpServer server;

    private CatalogStandIn(HttpServer server) {
        this.server = server;
    }

    static CatalogStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CatalogStandIn standIn = new CatalogStandIn(server);
            server.createContext("/api/token", exchange -> respond(exchange, "application/json",
                    "{\"access_token\":\"coldstart\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
            server.createContext("/v1/", standIn::api);
            // Secrets Manager's JSON protocol posts every operation to "/", naming it in X-Amz-Target.
            server.createContext("/", exchange -> respond(exchange, "application/x-amz-json-1.1", "{\"ARN\":\"" + SECRET_ARN
                    + "\",\"Name\":\"backbeat-coldstart\",\"VersionId\":\"v1\",\"SecretString\":"
                    + "\"{\\\"client_id\\\":\\\"coldstart\\\",\\\"client_secret\\\":\\\"coldstart\\\"}\"}"));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the catalogue stand-in on 127.0.0.1", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String base = endpoint().toString();
        String album = "{\"album_type\":\"album\",\"total_tracks\":2,\"href\":\"" + base + "/v1/albums/" + ALBUM + "\",\"id\":\""
                + ALBUM + "\",\"name\":\"First\",\"release_date\":\"1997\",\"release_date_precision\":\"year\",\"type\":\"album\","
                + "\"uri\":\"spotify:album:" + ALBUM + "\",\"artists\":" + CREDIT;
        String body = switch (path) {
            case "/v1/artists" -> "{\"artists\":[{\"external_urls\":{\"spotify\":\"https://open.spotify.com/artist/" + ARTIST
                    + "\"},\"followers\":{\"href\":null,\"total\":1000},\"genres\":[\"pop\"],\"href\":\"" + base + "/v1/artists/"
                    + ARTIST + "\",\"id\":\"" + ARTIST + "\",\"images\":[],\"name\":\"Cold Start\",\"popularity\":40,"
                    + "\"type\":\"artist\",\"uri\":\"spotify:artist:" + ARTIST + "\"}]}";
            case "/v1/artists/" + ARTIST + "/albums" -> page(base + path, album + ",\"album_group\":\"album\"}", 1);
            case "/v1/albums" -> "{\"albums\":[" + album + ",\"tracks\":" + page(base + "/v1/albums/" + ALBUM + "/tracks",
                    track(1) + "," + track(2), 2) + "}]}";
            default -> null;
        };
        if (body == null) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        respond(exchange, "application/json", body);
    }

    private static String track(int number) {
        String id = "7ouMYWpwJ422jRcDASZB7" + number;
        return "{\"artists\":" + CREDIT + ",\"disc_number\":1,\"duration_ms\":" + (180_000 + number) + ",\"explicit\":false,"
                + "\"id\":\"" + id + "\",\"name\":\"First " + number + "\",\"track_number\":" + number
                + ",\"type\":\"track\",\"uri\":\"spotify:track:" + id + "\"}";
    }

    /** A paging object holding all {@code count} items: no next page. */
    private static String page(String href, String items, int count) {
        return "{\"href\":\"" + href + "?offset=0&limit=50\",\"items\":[" + items + "],\"limit\":50,\"next\":null,\"offset\":0,"
                + "\"previous\":null,\"total\":" + count + "}";
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
