package io.backbeat.functions.transform;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.nio.file.Path;
import java.util.Map;

/**
 * The transform function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table
 * @param dedupeMemoryBytes heap the duplicate index may use before spilling (default: {@link #defaultDedupeMemory})
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

    /**
     * Six tenths of the heap the function has: Lambda's Java runtime runs the serial collector, whose old generation
     * is two thirds of the heap, and the index's table (one array) and arena pages live there beside the S3 part buffer
     * and the readers' and writers' buffers. At the deployed 1,769 MB (a heap of 1,453 MiB) that is 872 MiB, about 10
     * million plays' keys: Lambda bills memory by time and gives CPU by memory, so the heap is paid for anyway and
     * holding the keys beats spilling them to /tmp (BENCHMARKS.md, issue 14).
     */
    public static long defaultDedupeMemory(long maxHeapBytes) {
        return maxHeapBytes / 10 * 6;
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
