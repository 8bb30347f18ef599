package io.backbeat.events;

/**
 * Why a single row was rejected. The {@link #code()} strings are a stable interface: they appear in
 * quarantine files, reports, the ledger and metrics, so never rename one.
 */
public enum ReasonCode {
    /** The row does not have as many fields as the header. */
    WRONG_FIELD_COUNT("wrong_field_count"),
    /** A field holds bytes that are not UTF-8 (decoded as U+FFFD) or a NUL character. */
    BAD_ENCODING("bad_encoding"),
    /** A required field is empty or blank. */
    MISSING_VALUE("missing_value"),
    /** A field that must be an integer is not one. */
    BAD_INTEGER("bad_integer"),
    /** An integer outside the column's allowed range. */
    OUT_OF_RANGE("out_of_range"),
    /** A track id that is not exactly 22 base-62 characters. */
    BAD_TRACK_ID("bad_track_id"),
    /** A listen time in none of the accepted timestamp forms, or not a real instant. */
    BAD_TIMESTAMP("bad_timestamp"),
    /** A date that is not {@code YYYY-MM-DD} or not a real calendar date. */
    BAD_DATE("bad_date"),
    /** A text longer (in UTF-8 bytes) than its warehouse column holds. */
    TOO_LONG("too_long"),
    /** A later row of the same object repeats an earlier row's natural key. */
    DUPLICATE_KEY("duplicate_key"),
    /** A line of a JSON-lines object that is not exactly one JSON object. */
    BAD_JSON("bad_json"),
    /** A field of the wrong JSON type, or a text outside the values its field allows. */
    BAD_VALUE("bad_value"),
    /** A catalogue id (artist, album, track) that is not exactly 22 base-62 characters. */
    BAD_ID("bad_id");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
