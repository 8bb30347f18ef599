package io.backbeat.functions.extract;

import io.backbeat.events.Zone;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where extraction output goes in the landing bucket (or a directory laid out like it):
 * {@code raw/catalog/<run id>/...ndjson.gz}. Keys are deterministic, so a retried batch overwrites its own file.
 */
public final class CatalogKeys {
    /** The dataset segment of the key (the catalogue's dataset name). */
    public static final String DATASET = "catalog";
    /** Every extraction file lives under this prefix. */
    public static final String PREFIX = Zone.RAW.prefix() + "/" + DATASET + "/";
    public static final String SUFFIX = ".ndjson.gz";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:=-]{0,127}");
    private static final int HASH_HEX_CHARS = 12;

    private CatalogKeys() {}

    /**
     * @throws IllegalArgumentException unless the run id is 1 to 128 letters, digits and {@code . _ : = -}, starting
     *     with a letter or digit (one key segment)
     */
    public static String requireRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId must be 1 to 128 letters, digits and . _ : = -, starting with a letter"
                    + " or digit, got " + (runId == null ? "none" : "'" + runId + "'"));
        }
        return runId;
    }

    /**
     * One batch's file: {@code raw/catalog/<runId>/<first artist id>-<hash of the batch's ids>.ndjson.gz}; the same
     * ids in the same order give the same key.
     */
    public static String batchKey(String runId, List<String> artistIds) {
        requireRunId(runId);
        Objects.requireNonNull(artistIds, "artistIds must not be null");
        String first = artistIds.stream().filter(ArtistIds::isSpotifyId).findFirst().orElse("batch");
        return PREFIX + runId + "/" + first + "-" + hash(artistIds) + SUFFIX;
    }

    /**
     * The file of a run from the command line: {@code raw/catalog/<runId>/catalog-<runId>.ndjson.gz}, a name that
     * {@code catalog*.ndjson.gz} matches.
     */
    public static String runKey(String runId) {
        requireRunId(runId);
        return PREFIX + runId + "/" + DATASET + "-" + runId + SUFFIX;
    }

    private static String hash(List<String> ids) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
