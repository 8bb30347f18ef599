package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.backbeat.functions.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Spotify Web API and its token endpoint on the JDK's {@link HttpServer}: a small catalogue
 * built by the test, the paging objects and error bodies of the API reference, bearer tokens that expire on the
 * test's clock, and faults scripted per request path (an HTTP status, a 429 with {@code Retry-After}, a dropped
 * connection, revoked tokens). It records every request and every body it served, for known-answer assertions.
 */
final class FakeCatalogApi implements AutoCloseable {
    static final String CLIENT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String CLIENT_SECRET = "s3cr3tDoNotLeak9f8e7d6c5b4a39281";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ARTIST_ALBUMS = Pattern.compile("/v1/artists/([^/]+)/albums");
    private static final Pattern ALBUM_TRACKS = Pattern.compile("/v1/albums/([^/]+)/tracks");

    /** One request as the fake saw it. */
    record Seen(String request, int status, String body, Instant at, String authorization) {}

    private record Fault(String pathStart, int[] remaining, int status, Map<String, String> headers, Action action) {}

    private enum Action { ANSWER, DROP_CONNECTION, REVOKE_TOKENS }

    private final HttpServer server;
    private final MutableClock clock;
    private final String base;
    private final Map<String, ObjectNode> artists = new LinkedHashMap<>();
    private final Map<String, List<String>> albumsOfArtist = new HashMap<>();
    private final Map<String, ObjectNode> albums = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> tracksOfAlbum = new HashMap<>();
    private final Map<String, Instant> tokens = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();
    private int tokenRequests;
    private int trackCount;

    private int pageLimit = 50;
    private int embeddedTracks = 50;
    private Duration tokenLifetime = Duration.ofHours(1);
    private Duration requestCost = Duration.ZERO;

    private FakeCatalogApi(MutableClock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.base = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        server.createContext("/api/token", this::token);
        server.createContext("/v1/", this::api);
        server.start();
    }

    static FakeCatalogApi start(MutableClock clock) throws IOException {
        return new FakeCatalogApi(clock);
    }

    /** A Spotify-shaped id: 22 base-62 characters. */
    static String id(char kind, int n) {
        return String.format("%c%021d", kind, n);
    }

    CatalogEndpoints endpoints() {
        return new CatalogEndpoints(URI.create(base), URI.create(base + "/api/token"));
    }

    String base() {
        return base;
    }

    // ---- the catalogue ----

    synchronized FakeCatalogApi artist(String id, String name, String... genres) {
        ObjectNode artist = JSON.createObjectNode();
        artist.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + id);
        artist.putObject("followers").putNull("href").put("total", 1000 + artists.size());
        ArrayNode genreArray = artist.putArray("genres");
        Arrays.stream(genres).forEach(genreArray::add);
        artist.put("href", base + "/v1/artists/" + id);
        artist.put("id", id);
        artist.putArray("images");
        artist.put("name", name);
        artist.put("popularity", 40 + artists.size());
        artist.put("type", "artist");
        artist.put("uri", "spotify:artist:" + id);
        artists.put(id, artist);
        albumsOfArtist.put(id, new ArrayList<>());
        return this;
    }

    /** An album of {@code tracks} tracks credited to {@code artistIds}, listed under each of them. */
    synchronized FakeCatalogApi album(String id, String name, int tracks, String... artistIds) {
        ObjectNode album = JSON.createObjectNode();
        album.put("album_type", "album");
        album.put("total_tracks", tracks);
        album.put("href", base + "/v1/albums/" + id);
        album.put("id", id);
        album.put("name", name);
        album.put("release_date", "1997");
        album.put("release_date_precision", "year");
        album.put("type", "album");
        album.put("uri", "spotify:album:" + id);
        album.set("artists", credits(artistIds));
        albums.put(id, album);
        List<ObjectNode> trackList = new ArrayList<>();
        for (int number = 1; number <= tracks; number++) {
            ObjectNode track = JSON.createObjectNode();
            track.set("artists", credits(artistIds));
            track.put("disc_number", 1);
            track.put("duration_ms", 180_000 + number);
            track.put("explicit", false);
            String trackId = id('T', ++trackCount);
            track.put("id", trackId);
            track.put("name", name + " " + number);
            track.put("track_number", number);
            track.put("type", "track");
            track.put("uri", "spotify:track:" + trackId);
            trackList.add(track);
        }
        tracksOfAlbum.put(id, trackList);
        for (String artistId : artistIds) {
            albumsOfArtist.computeIfAbsent(artistId, any -> new ArrayList<>()).add(id);
        }
        return this;
    }

    synchronized List<String> trackIds(String albumId) {
        return tracksOfAlbum.get(albumId).stream().map(track -> track.get("id").asText()).toList();
    }

    // ---- behaviour ----

    /** The largest page it serves, whatever {@code limit} asks (the API's is 50). */
    synchronized FakeCatalogApi pageLimit(int limit) {
        this.pageLimit = limit;
        return this;
    }

    /** Tracks embedded in an album of {@code /v1/albums} (the API embeds 50). */
    synchronized FakeCatalogApi embeddedTracks(int tracks) {
        this.embeddedTracks = tracks;
        return this;
    }

    synchronized FakeCatalogApi tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /** How far the clock moves while the fake answers one API request. */
    synchronized FakeCatalogApi requestCost(Duration cost) {
        this.requestCost = cost;
        return this;
    }

    /** The next {@code times} requests whose path and query start with {@code pathStart} get {@code status} (-1: always). */
    synchronized FakeCatalogApi fail(String pathStart, int times, int status) {
        faults.add(new Fault(pathStart, new int[] {times}, status, Map.of(), Action.ANSWER));
        return this;
    }

    synchronized FakeCatalogApi rateLimit(String pathStart, int times, String retryAfter) {
        faults.add(new Fault(pathStart, new int[] {times}, 429, Map.of("Retry-After", retryAfter), Action.ANSWER));
        return this;
    }

    synchronized FakeCatalogApi dropConnection(String pathStart, int times) {
        faults.add(new Fault(pathStart, new int[] {times}, 0, Map.of(), Action.DROP_CONNECTION));
        return this;
    }

    /** Every token issued so far stops working when the next request starting with {@code pathStart} comes in. */
    synchronized FakeCatalogApi revokeTokensAt(String pathStart) {
        faults.add(new Fault(pathStart, new int[] {1}, 0, Map.of(), Action.REVOKE_TOKENS));
        return this;
    }

    // ---- what it saw ----

    synchronized List<Seen> apiRequests() {
        return seen.stream().filter(request -> request.request().startsWith("GET /v1/")).toList();
    }

    /** The successful API answers, in order. */
    synchronized List<Seen> served() {
        return apiRequests().stream().filter(request -> request.status() == 200).toList();
    }

    synchronized int tokenRequests() {
        return tokenRequests;
    }

    synchronized List<String> tokensIssued() {
        return List.copyOf(tokens.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- serving ----

    private synchronized void token(HttpExchange exchange) throws IOException {
        tokenRequests++;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String request = "POST /api/token";
        if (applyFault(exchange, request)) {
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !body.equals("grant_type=client_credentials")
                || !"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            respond(exchange, request, 400, "{\"error\":\"unsupported_grant_type\"}", Map.of());
            return;
        }
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, request, 400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}", Map.of());
            return;
        }
        String token = "tok" + (tokens.size() + 1) + "BQDfakeAccessTokenValue" + (tokens.size() + 1);
        tokens.put(token, clock.instant().plus(tokenLifetime));
        respond(exchange, request, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + tokenLifetime.toSeconds() + "}", Map.of());
    }

    private synchronized void api(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        String request = "GET " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        clock.advance(requestCost);
        if (applyFault(exchange, request)) {
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        Instant expiry = tokens.get(token);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            respond(exchange, request, 401, error(401, "The access token expired"), Map.of());
            return;
        }
        Map<String, String> query = query(uri.getRawQuery());
        Matcher artistAlbums = ARTIST_ALBUMS.matcher(path);
        Matcher albumTracks = ALBUM_TRACKS.matcher(path);
        if (path.equals("/v1/artists")) {
            several(exchange, request, query, "artists", artists, 50, false);
        } else if (path.equals("/v1/albums")) {
            several(exchange, request, query, "albums", albums, 20, true);
        } else if (artistAlbums.matches() && artists.containsKey(artistAlbums.group(1))) {
            String artist = artistAlbums.group(1);
            List<ObjectNode> items = albumsOfArtist.get(artist).stream().map(id -> {
                ObjectNode simplified = albums.get(id).deepCopy();
                simplified.put("album_group", "album");
                return simplified;
            }).toList();
            respond(exchange, request, 200, JSON.writeValueAsString(page("/v1/artists/" + artist + "/albums", items,
                    intOf(query, "offset", 0), intOf(query, "limit", 20), pageLimit, "&include_groups=album,single")), Map.of());
        } else if (albumTracks.matches() && albums.containsKey(albumTracks.group(1))) {
            String album = albumTracks.group(1);
            respond(exchange, request, 200, JSON.writeValueAsString(page("/v1/albums/" + album + "/tracks",
                    tracksOfAlbum.get(album), intOf(query, "offset", 0), intOf(query, "limit", 20), pageLimit, "")), Map.of());
        } else if (artistAlbums.matches() || albumTracks.matches()) {
            respond(exchange, request, 404, error(404, "Resource not found"), Map.of());
        } else {
            respond(exchange, request, 404, error(404, "Service not found"), Map.of());
        }
    }

    private void several(HttpExchange exchange, String request, Map<String, String> query, String field,
            Map<String, ObjectNode> known, int most, boolean withTracks) throws IOException {
        String ids = query.getOrDefault("ids", "");
        List<String> asked = ids.isEmpty() ? List.of() : List.of(ids.split(","));
        if (asked.isEmpty() || asked.size() > most) {
            respond(exchange, request, 400, error(400, "Too many ids requested"), Map.of());
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray(field);
        for (String id : asked) {
            ObjectNode item = known.get(id);
            if (item == null) {
                array.addNull();
            } else if (withTracks) {
                ObjectNode album = item.deepCopy();
                album.set("tracks", page("/v1/albums/" + id + "/tracks", tracksOfAlbum.get(id), 0, embeddedTracks, embeddedTracks, ""));
                array.add(album);
            } else {
                array.add(item);
            }
        }
        respond(exchange, request, 200, JSON.writeValueAsString(body), Map.of());
    }

    /** A paging object as the API builds it, {@code next} with the offset first as the API orders it. */
    private ObjectNode page(String path, List<ObjectNode> all, int offset, int limit, int largest, String moreQuery) {
        int size = Math.min(limit, largest);
        ObjectNode page = JSON.createObjectNode();
        page.put("href", base + path + "?offset=" + offset + "&limit=" + size + moreQuery);
        ArrayNode items = page.putArray("items");
        all.stream().skip(offset).limit(size).forEach(items::add);
        page.put("limit", size);
        if (offset + size < all.size()) {
            page.put("next", base + path + "?offset=" + (offset + size) + "&limit=" + size + moreQuery);
        } else {
            page.putNull("next");
        }
        page.put("offset", offset);
        if (offset > 0) {
            page.put("previous", base + path + "?offset=" + Math.max(0, offset - size) + "&limit=" + size + moreQuery);
        } else {
            page.putNull("previous");
        }
        page.put("total", all.size());
        return page;
    }

    private boolean applyFault(HttpExchange exchange, String request) throws IOException {
        String pathAndQuery = request.substring(request.indexOf(' ') + 1);
        for (Fault fault : faults) {
            if (fault.remaining()[0] == 0 || !pathAndQuery.startsWith(fault.pathStart())) {
                continue;
            }
            if (fault.remaining()[0] > 0) {
                fault.remaining()[0]--;
            }
            switch (fault.action()) {
                case REVOKE_TOKENS -> {
                    tokens.replaceAll((token, expiry) -> Instant.MIN);
                    return false;
                }
                case DROP_CONNECTION -> {
                    seen.add(new Seen(request, 0, "", clock.instant(), exchange.getRequestHeaders().getFirst("Authorization")));
                    exchange.getRequestBody().readAllBytes();
                    exchange.close();
                    return true;
                }
                case ANSWER -> {
                    String body = error(fault.status(), switch (fault.status()) {
                        case 400 -> "Bad request";
                        case 401 -> "Invalid access token";
                        case 403 -> "Forbidden";
                        case 404 -> "Resource not found";
                        case 429 -> "API rate limit exceeded";
                        default -> "Server error";
                    });
                    respond(exchange, request, fault.status(), body, fault.headers());
                    return true;
                }
            }
        }
        return false;
    }

    private void respond(HttpExchange exchange, String request, int status, String body, Map<String, String> headers)
            throws IOException {
        seen.add(new Seen(request, status, body, clock.instant(), exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(int status, String message) {
        return "{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}";
    }

    private static ArrayNode credits(String... artistIds) {
        ArrayNode credits = JSON.createArrayNode();
        for (String artistId : artistIds) {
            ObjectNode credit = credits.addObject();
            credit.put("id", artistId);
            credit.put("name", "Artist " + artistId);
            credit.put("type", "artist");
            credit.put("uri", "spotify:artist:" + artistId);
        }
        return credits;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static int intOf(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
