package io.backbeat.functions.extract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where the catalogue API and its token endpoint are: the real Spotify endpoints by default, a stand-in's in tests
 * and local runs.
 *
 * @param apiBase scheme, host, port and optional path prefix; requests go to {@code apiBase + "/v1/..."}
 * @param tokenUrl the client-credentials token endpoint
 */
public record CatalogEndpoints(URI apiBase, URI tokenUrl) {
    /** The Spotify Web API (https://developer.spotify.com/documentation/web-api). */
    public static final String SPOTIFY_API_BASE = "https://api.spotify.com";
    /** The Spotify Accounts service's token endpoint. */
    public static final String SPOTIFY_TOKEN_URL = "https://accounts.spotify.com/api/token";

    public CatalogEndpoints {
        requireHttp(apiBase, "apiBase");
        requireHttp(tokenUrl, "tokenUrl");
        if (apiBase.getRawQuery() != null || apiBase.getRawFragment() != null) {
            throw new IllegalArgumentException("apiBase must have no query or fragment, got " + apiBase);
        }
    }

    /** The real Spotify endpoints. */
    public static CatalogEndpoints spotify() {
        return of(null, null);
    }

    /**
     * Endpoints from settings; a null or blank one is Spotify's.
     *
     * @throws IllegalArgumentException naming the setting that is not an http(s) URL
     */
    public static CatalogEndpoints of(String apiBase, String tokenUrl) {
        return new CatalogEndpoints(parse(apiBase, SPOTIFY_API_BASE, "apiBase"), parse(tokenUrl, SPOTIFY_TOKEN_URL, "tokenUrl"));
    }

    private static URI parse(String value, String fallback, String name) {
        String text = value == null || value.isBlank() ? fallback : value.strip();
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be an http or https URL, got '" + text + "'", e);
        }
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name + " must not be null");
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL with a host, got '" + uri + "'");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials come from the secret, never from a URL that ends up in logs.
            throw new IllegalArgumentException(name + " must not carry user information");
        }
    }
}
