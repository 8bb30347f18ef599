package io.backbeat.functions.transform;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.nio.file.Path;
import java.util.Map;

/**
 * The transform function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table
 * @param dedupeMemoryBytes heap the duplicate index may use before spilling (default: a third of the heap)
 * @param spillDirectory where spill files go (default: the JVM's temporary directory, /tmp in Lambda)
 */
public record TransformConfig(String ledgerTable, long dedupeMemoryBytes, Path spillDirectory) {

    public TransformConfig {
        if (dedupeMemoryBytes < 1) {
            throw new IllegalArgumentException("dedupeMemoryBytes must be positive, got " + dedupeMemoryBytes);
        }
    }

    /** The only place transform reads its environment. */
    public static TransformConfig fromEnvironment() {
        return from(System.getenv(), Runtime.getRuntime().maxMemory());
    }

    /** A third of the heap: the rest holds the part buffers, the CSV reader and the zstd streams. */
    public static long defaultDedupeMemory(long maxHeapBytes) {
        return maxHeapBytes / 3;
    }

    /** Settings from an environment map and a heap size: the local run passes what the stack template gives the function. */
    public static TransformConfig from(Map<String, String> environment, long maxHeapBytes) {
        String memory = RequiredSetting.orDefault(environment, EnvironmentVariables.DEDUPE_MEMORY_MB, null);
        long memoryBytes;
        try {
            memoryBytes = memory == null ? defaultDedupeMemory(maxHeapBytes) : Long.parseLong(memory) * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + EnvironmentVariables.DEDUPE_MEMORY_MB
                    + " must be a whole number of MiB, got '" + memory + "'", e);
        }
        return new TransformConfig(
                RequiredSetting.of(environment, EnvironmentVariables.LEDGER_TABLE),
                memoryBytes,
                Path.of(RequiredSetting.orDefault(environment, EnvironmentVariables.SPILL_DIRECTORY,
                        System.getProperty("java.io.tmpdir"))));
    }
}
