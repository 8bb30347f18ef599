package io.backbeat.functions.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The artist list as people write it: one artist a line, as an id ({@code 4Z8W4fKeB5YxbusRsdQVPb}), a Spotify URI
 * ({@code spotify:artist:4Z8W...}) or an {@code open.spotify.com/artist/...} link; blank lines, lines starting with
 * {@code #} and anything after the first blank on a line (a note) are ignored, and so are repeated ids.
 *
 * <pre>{@code
 * List<String> ids = ArtistIds.fromLines(Files.readAllLines(file));
 * }</pre>
 */
public final class ArtistIds {
    /** A Spotify id: 22 base-62 characters (https://developer.spotify.com/documentation/web-api/concepts/spotify-uris-ids). */
    private static final Pattern SPOTIFY_ID = Pattern.compile("[0-9A-Za-z]{22}");
    private static final Pattern URI_OR_LINK = Pattern.compile(
            "(?:spotify:artist:|https?://open\\.spotify\\.com/(?:[a-z-]+/)?artist/)([0-9A-Za-z]{22})(?:[?#].*)?");

    private ArtistIds() {}

    /** The distinct artist ids of {@code lines}, in the order they first appear. */
    public static List<String> fromLines(Iterable<String> lines) {
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            ids.add(normalize(stripped.split("\\s+", 2)[0]));
        }
        return new ArrayList<>(ids);
    }

    /** True for 22 base-62 characters, the only ids the API knows. */
    public static boolean isSpotifyId(String id) {
        return id != null && SPOTIFY_ID.matcher(id).matches();
    }

    private static String normalize(String token) {
        Matcher matcher = URI_OR_LINK.matcher(token);
        return matcher.matches() ? matcher.group(1) : token;
    }
}
