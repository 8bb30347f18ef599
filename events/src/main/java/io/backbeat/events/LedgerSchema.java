package io.backbeat.events;

/**
 * Key schema and attribute names of the DynamoDB ledger table: one item per (object, stage). The CDK
 * stack, the local cloud and the functions all take the names from here.
 */
public final class LedgerSchema {
    /** Partition key (S): the object identity, {@code s3://bucket/key#version-or-etag}. */
    public static final String OBJECT = "object_id";
    /** Sort key (S): the {@link Stage#id()}. */
    public static final String STAGE = "stage";

    public static final String STATUS = "status";
    public static final String BUCKET = "bucket";
    public static final String KEY = "key";
    public static final String DATASET = "dataset";
    public static final String OWNER = "lease_owner";
    public static final String LEASE_EXPIRES_AT = "lease_expires_at";
    public static final String ATTEMPTS = "attempts";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String DURATION_MS = "duration_ms";
    public static final String ROWS_IN = "rows_in";
    public static final String ROWS_VALID = "rows_valid";
    public static final String ROWS_REJECTED = "rows_rejected";
    public static final String REJECTS_BY_REASON = "rejects_by_reason";
    public static final String BYTES_IN = "bytes_in";
    public static final String BYTES_OUT = "bytes_out";
    public static final String OUTPUTS = "outputs";
    public static final String FILE_REJECTION = "file_rejection";
    public static final String ERROR = "error";
    /** Listen dates whose KPIs a load changed (a list of {@code YYYY-MM-DD}). */
    public static final String AFFECTED_DATES = "affected_dates";

    private LedgerSchema() {}
}
