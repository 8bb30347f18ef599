package io.backbeat.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An S3 key of the landing bucket split into its parts: {@code {zone}/{dataset}/{path}}. Every output
 * key is derived from its input key by changing the zone and adding a suffix, so an output can always
 * be traced to its input and two inputs never share an output.
 *
 * <pre>{@code
 * ZoneKey raw = ZoneKey.parse("raw/streams/2024/06/plays.csv.gz");
 * raw.validated().key();   // validated/streams/2024/06/plays.csv.gz.zst
 * raw.validated().staged().key();   // staged/streams/2024/06/plays.csv.gz.zst
 * }</pre>
 *
 * @param zone the first key segment
 * @param datasetName the second key segment (may name no known dataset: see {@link #dataset()})
 * @param path everything after the second slash, never empty
 */
public record ZoneKey(Zone zone, String datasetName, String path) {
    /** Suffix of the zstd-compressed CSV that validate and transform write. */
    public static final String COMPRESSED_CSV_SUFFIX = ".zst";
    /** S3 keys are at most 1024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final int DIGEST_HEX_CHARS = 16;

    public ZoneKey {
        Objects.requireNonNull(zone, "zone must not be null");
        Objects.requireNonNull(datasetName, "datasetName must not be null");
        Objects.requireNonNull(path, "path must not be null");
        if (datasetName.isEmpty() || datasetName.contains("/")) {
            throw new IllegalArgumentException("datasetName must be one non-empty key segment, got '" + datasetName + "'");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
    }

    /**
     * Splits a decoded S3 key.
     *
     * @throws IllegalArgumentException when the key is not {@code {zone}/{dataset}/{path}} with a known zone
     */
    public static ZoneKey parse(String key) {
        Objects.requireNonNull(key, "key must not be null");
        int first = key.indexOf('/');
        int second = first < 0 ? -1 : key.indexOf('/', first + 1);
        if (first <= 0 || second <= first + 1 || second == key.length() - 1) {
            throw new IllegalArgumentException(
                    "key '" + key + "' is not {zone}/{dataset}/{file}, e.g. raw/streams/2024-06-25.csv");
        }
        String zoneSegment = key.substring(0, first);
        for (Zone zone : Zone.values()) {
            if (zone.prefix().equals(zoneSegment)) {
                return new ZoneKey(zone, key.substring(first + 1, second), key.substring(second + 1));
            }
        }
        throw new IllegalArgumentException("key '" + key + "' does not start with a zone (raw/, validated/, quarantine/, staged/)");
    }

    /** True for the zero-byte "folder" objects consoles create ({@code raw/streams/}); they are not data. */
    public static boolean isFolderMarker(String key) {
        return key.endsWith("/");
    }

    public java.util.Optional<Dataset> dataset() {
        return Dataset.find(datasetName);
    }

    /** The full S3 key. */
    public String key() {
        return zone.prefix() + "/" + datasetName + "/" + path;
    }

    /** Where validate writes this raw object's valid rows. */
    public ZoneKey validated() {
        requireZone(Zone.RAW);
        return derive(Zone.VALIDATED, COMPRESSED_CSV_SUFFIX);
    }

    /** Where transform writes this validated object's staged rows. */
    public ZoneKey staged() {
        requireZone(Zone.VALIDATED);
        return new ZoneKey(Zone.STAGED, datasetName, path);
    }

    /** The raw key a validated or staged key was derived from (best effort for shortened keys). */
    public ZoneKey raw() {
        if (zone == Zone.RAW) {
            return this;
        }
        String rawPath = path.endsWith(COMPRESSED_CSV_SUFFIX)
                ? path.substring(0, path.length() - COMPRESSED_CSV_SUFFIX.length())
                : path;
        return new ZoneKey(Zone.RAW, datasetName, rawPath);
    }

    /** Rejected rows of {@code stage} for the raw object this key descends from. */
    public ZoneKey quarantineRejects(Stage stage) {
        return raw().derive(Zone.QUARANTINE, "." + stage.id() + "-rejects.csv");
    }

    /** The JSON report of {@code stage} for the raw object this key descends from. */
    public ZoneKey quarantineReport(Stage stage) {
        return raw().derive(Zone.QUARANTINE, "." + stage.id() + "-report.json");
    }

    private void requireZone(Zone expected) {
        if (zone != expected) {
            throw new IllegalStateException("expected a " + expected.prefix() + "/ key, got " + key());
        }
    }

    /**
     * Moves to {@code target} and appends {@code suffix}. A result longer than S3 allows keeps the
     * start of the path and replaces the rest with a digest of the whole, so it stays unique.
     */
    private ZoneKey derive(Zone target, String suffix) {
        ZoneKey candidate = new ZoneKey(target, datasetName, path + suffix);
        int bytes = utf8Length(candidate.key());
        if (bytes <= MAX_KEY_BYTES) {
            return candidate;
        }
        String marker = "~" + digest(path);
        int budget = MAX_KEY_BYTES - utf8Length(target.prefix() + "/" + datasetName + "/") - utf8Length(marker + suffix);
        return new ZoneKey(target, datasetName, prefixWithin(path, budget) + marker + suffix);
    }

    private static String prefixWithin(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, DIGEST_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
