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

    private EnvironmentVariables() {}
}
