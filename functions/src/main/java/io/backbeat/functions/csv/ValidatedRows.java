package io.backbeat.functions.csv;

import io.backbeat.events.contract.DatasetContract;
import java.nio.charset.StandardCharsets;

/**
 * The layout of the {@code validated/} zone, written by validate and read only by transform: binary rows, not CSV,
 * so that transform never parses text again (issue 14: re-parsing the validated CSV was a fifth of the ingest time).
 *
 * <p>A zstd stream (level {@link #ZSTD_LEVEL}) of: a header line {@value #MAGIC}, a line of the contract's column
 * names joined by commas, then per valid row its line number in the raw object and each contract column's value,
 * normalized by validate (trimmed, canonical numbers and times), as UTF-8 bytes. Numbers are unsigned LEB128
 * varints: the line, then per column the value's byte length and its bytes. Carrying the raw line lets transform
 * report a duplicate by the line a person would look up.
 */
public final class ValidatedRows {
    /** First line of every validated object; a different layout gets a different number. */
    public static final String MAGIC = "backbeat-validated-rows 2";
    /**
     * zstd's fastest setting measured for this zone (BENCHMARKS.md, "Zone compression"): the zone is an intermediate
     * read once by transform, so speed matters more than size; negative levels trade ratio for speed.
     */
    public static final int ZSTD_LEVEL = -1;

    private ValidatedRows() {}

    /** The two header lines of a validated object of this contract, as bytes. */
    static byte[] header(DatasetContract contract) {
        return (MAGIC + "\n" + String.join(",", contract.columnNames()) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
