package io.backbeat.events;

/**
 * Names of the environment variables the functions read. CDK sets them from these constants and each
 * handler's {@code Config.fromEnvironment()} reads them, so the two cannot drift apart.
 */
public final class EnvironmentVariables {
    /** Name of the DynamoDB ledger table. */
    public static final String LEDGER_TABLE = "BACKBEAT_LEDGER_TABLE";
    /** Optional: in-memory budget in MiB for the duplicate-key index before it spills to disk. */
    public static final String DEDUPE_MEMORY_MB = "BACKBEAT_DEDUPE_MEMORY_MB";
    /** Optional: directory for spill files (Lambda: /tmp). */
    public static final String SPILL_DIRECTORY = "BACKBEAT_SPILL_DIRECTORY";

    /** Name of the DynamoDB table the KPIs are published to. */
    public static final String SERVING_TABLE = "BACKBEAT_SERVING_TABLE";
    /** The Redshift database. */
    public static final String WAREHOUSE_DATABASE = "BACKBEAT_WAREHOUSE_DATABASE";
    /** The Redshift Serverless workgroup (set this or {@link #WAREHOUSE_CLUSTER}). */
    public static final String WAREHOUSE_WORKGROUP = "BACKBEAT_WAREHOUSE_WORKGROUP";
    /** The provisioned Redshift cluster (set this or {@link #WAREHOUSE_WORKGROUP}). */
    public static final String WAREHOUSE_CLUSTER = "BACKBEAT_WAREHOUSE_CLUSTER";
    /** The database user for a provisioned cluster with IAM authentication. */
    public static final String WAREHOUSE_DB_USER = "BACKBEAT_WAREHOUSE_DB_USER";
    /** Optional: a Secrets Manager secret with database credentials (the ARN, not the secret). */
    public static final String WAREHOUSE_SECRET_ARN = "BACKBEAT_WAREHOUSE_SECRET_ARN";
    /** The IAM role Redshift assumes to COPY from the bucket. */
    public static final String COPY_ROLE_ARN = "BACKBEAT_COPY_ROLE_ARN";

    /** The kpi-refresh state machine load starts for the dates it changed (and the refresh monitor starts successors of). */
    public static final String STATE_MACHINE_ARN = "BACKBEAT_STATE_MACHINE_ARN";

    /** The IAM role name of the load function, whose database user the warehouse setup creates and grants. */
    public static final String LOAD_ROLE_NAME = "BACKBEAT_LOAD_ROLE_NAME";
    /** The IAM role name the state machine's statements and publish run as (the refresh database user). */
    public static final String REFRESH_ROLE_NAME = "BACKBEAT_REFRESH_ROLE_NAME";

    /** The landing bucket the extract function writes its {@code raw/catalog/} files to. */
    public static final String LANDING_BUCKET = "BACKBEAT_LANDING_BUCKET";
    /**
     * The Secrets Manager secret (its ARN, never the secret) holding the catalogue API's client credentials as
     * {@code {"client_id":"...","client_secret":"..."}}; the stack creates it and the operator sets its value.
     */
    public static final String CATALOG_SECRET_ARN = "BACKBEAT_CATALOG_SECRET_ARN";
    /** Optional: base URL of the catalogue Web API (default {@code https://api.spotify.com}). */
    public static final String CATALOG_API_BASE_URL = "BACKBEAT_CATALOG_API_BASE_URL";
    /** Optional: the client-credentials token URL (default {@code https://accounts.spotify.com/api/token}). */
    public static final String CATALOG_TOKEN_URL = "BACKBEAT_CATALOG_TOKEN_URL";

    private EnvironmentVariables() {}
}
