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
 * varints: the line times two, plus one when the row is quote-free (validate knows that none of its values holds a
 * comma, a quote, CR or LF: a row of its fast path, whose values are digits, track ids and canonical times; transform
 * then copies the values into its CSV line without looking for characters to quote), then per column the value's
 * byte length and its bytes. Carrying the raw line lets transform report a duplicate by the line a person would look
 * up.
 */
public final class ValidatedRows {
    /** First line of every validated object; a different layout gets a different number. */
    public static final String MAGIC = "backbeat-validated-rows 3";
    /**
     * The layout before quote-free rows, still read: the same but for the first varint, which is the line alone.
     * Objects validate wrote before an upgrade of the stack are transformed after it instead of being refused.
     */
    static final String LAYOUT_2 = "backbeat-validated-rows 2";
    /**
     * zstd level -5 ("fast" 5): measured on the validated rows of 10M plays (532 MB), one thread, it compressed in
     * 0.71 s to a ratio of 1.96 where level 1 took 1.78 s for 2.65 and level -1 1.62 s for 2.07 (BENCHMARKS.md, "Zone
     * compression"). The zone is an intermediate read once by transform, so time matters more than size; halving it
     * still halves what crosses the network to S3 and back.
     */
    public static final int ZSTD_LEVEL = -5;

    private ValidatedRows() {}

    /** The two header lines of a validated object of this contract, as bytes. */
    static byte[] header(DatasetContract contract) {
        return header(contract, MAGIC);
    }

    /** The two header lines of a validated object of this contract in the layout {@code magic} names. */
    static byte[] header(DatasetContract contract, String magic) {
        return (magic + "\n" + String.join(",", contract.columnNames()) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
