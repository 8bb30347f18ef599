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
    /** KPI refresh items: the refresh (batch) id the state machine ran. */
    public static final String REFRESH_ID = "refresh_id";
    /** KPI refresh items: how many listen dates the refresh recomputed. */
    public static final String DATE_COUNT = "date_count";
    /**
     * The KPI refresh lease: one item, {@code (LEASE_OBJECT, LEASE_STAGE)}, that a {@code kpi-refresh} execution claims
     * with a conditional write before it refreshes, and releases after it published. While held, {@link #OWNER} is
     * the holder's execution ARN, {@link #STARTED_AT} when it claimed, {@link #REFRESH_ID} its refresh id, and
     * {@link #PENDING} counts the executions that found it held and ended, leaving their dates to a successor.
     */
    public static final String LEASE_OBJECT = "kpi-refresh";
    /** Sort key of the KPI refresh lease item. */
    public static final String LEASE_STAGE = "lease";
    /** The lease item: how many executions registered as pending while it was held (N, absent when none). */
    public static final String PENDING = "pending";
    /**
     * The lease item: the loads in flight (SS, absent when none), each {@code <deadline> <object id>} with the
     * deadline an ISO-8601 UTC instant in milliseconds. A holder refreshes once this is gone or
     * {@link #LOADS_BUSY_UNTIL} has passed, so that a burst of loads ends in one refresh, not one per load.
     */
    public static final String LOADING = "loading";
    /** The lease item: the latest deadline of any load that joined {@link #LOADING} (S, the same format). */
    public static final String LOADS_BUSY_UNTIL = "loads_busy_until";
    /**
     * The table's time-to-live attribute (N, epoch seconds): DynamoDB deletes an item some time after it.
     * Optional; an item without it is kept.
     */
    public static final String EXPIRES_AT = "expires_at";

    private LedgerSchema() {}
}
