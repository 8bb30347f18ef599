package io.backbeat.events;

import java.util.List;

/**
 * The JVM options the stack gives the two CPU-bound functions, validate and transform, through {@code
 * JAVA_TOOL_OPTIONS}, here so that the stack and {@code backbeat bench ingest} use the same ones (BENCHMARKS.md,
 * "Ingest for the function as deployed").
 */
public final class CpuBoundJvm {
    /**
     * <ul>
     *   <li>The JVM's own tiered compilation (C1, then C2 for hot code): Lambda stops at C1 by default on Java 17 and
     *       21, and on Java 25 unless SnapStart is on, for shorter cold starts ("Customize Java runtime startup
     *       behavior", https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html, names level 4 for
     *       compute-intensive functions). On 10M plays: 9.3 s with C1 only, 6.6 s tiered; 0.1-0.4 s more cold start.
     *   <li>Arrays of 1 MiB and more (the key index's table and 8 MiB arena pages, the S3 part buffer) allocated in the
     *       old generation of the serial collector Lambda runs: otherwise each young collection copied the new pages,
     *       up to a second of a 10M-row transform; with it, next to none.
     * </ul>
     */
    public static final List<String> TOOL_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=4", "-XX:PretenureSizeThreshold=1m");

    private CpuBoundJvm() {}

    /** {@link #TOOL_OPTIONS} as the value of {@code JAVA_TOOL_OPTIONS}. */
    public static String toolOptions() {
        return String.join(" ", TOOL_OPTIONS);
    }
}
