package io.backbeat.events;

/** The prefixes of the landing bucket, one per step of an object's life. */
public enum Zone {
    /** What people upload; never modified. */
    RAW("raw"),
    /** Valid rows, written by validate. */
    VALIDATED("validated"),
    /** Rejected rows and reports, written by validate and transform. */
    QUARANTINE("quarantine"),
    /** Normalized, de-duplicated rows in the form Redshift COPY loads, written by transform. */
    STAGED("staged");

    private final String prefix;

    Zone(String prefix) {
        this.prefix = prefix;
    }

    /** The key segment, without a slash. */
    public String prefix() {
        return prefix;
    }
}
