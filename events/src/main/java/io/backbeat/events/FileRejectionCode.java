package io.backbeat.events;

/**
 * Why a whole object was rejected before or while its rows were read. Stable strings, like
 * {@link ReasonCode}.
 */
public enum FileRejectionCode {
    /** Zero bytes (after decompression). */
    EMPTY_OBJECT("empty_object"),
    /** A header and no data rows. */
    NO_DATA_ROWS("no_data_rows"),
    /** The header lacks one or more required columns. */
    MISSING_COLUMNS("missing_columns"),
    /** The header names a column twice. */
    DUPLICATE_COLUMNS("duplicate_columns"),
    /** The gzip stream is damaged or truncated. */
    CORRUPT_GZIP("corrupt_gzip"),
    /** The zstd stream is damaged or truncated. */
    CORRUPT_ZSTD("corrupt_zstd"),
    /** The CSV cannot be split into records (a quoted field that never closes within the size limit). */
    MALFORMED_CSV("malformed_csv"),
    /** The content is binary, not text. */
    NOT_TEXT("not_text"),
    /** The key does not name a known dataset. */
    UNKNOWN_DATASET("unknown_dataset");

    private final String code;

    FileRejectionCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
