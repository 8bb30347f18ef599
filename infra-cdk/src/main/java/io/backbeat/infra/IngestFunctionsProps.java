package io.backbeat.infra;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The four functions and what they reach.
 *
 * @param jar the deployment package
 * @param bucket the landing bucket (prefix grants)
 * @param tables the ledger and serving tables
 * @param warehouse the Redshift workgroup load and publish run statements on
 * @param tuning sizes, retries and retention
 */
public record IngestFunctionsProps(FunctionsJar jar, LandingBucket bucket, PipelineTables tables, Warehouse warehouse,
        Tuning tuning) {

    public IngestFunctionsProps {
        Objects.requireNonNull(jar, "jar must not be null");
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(tables, "tables must not be null");
        Objects.requireNonNull(warehouse, "warehouse must not be null");
        Objects.requireNonNull(tuning, "tuning must not be null");
    }

    public static IngestFunctionsProps of(FunctionsJar jar, LandingBucket bucket, PipelineTables tables, Warehouse warehouse) {
        return new IngestFunctionsProps(jar, bucket, tables, warehouse, Tuning.defaults());
    }

    /**
     * @param validate sizing of validate
     * @param transform sizing of transform (its duplicate index spills to /tmp)
     * @param load sizing of load
     * @param publish sizing of publish
     * @param reservedConcurrency reserved concurrency by function name ({@code validate}, {@code transform},
     *     {@code load}, {@code publish}); a function not named has none and scales within the account's
     *     unreserved concurrency
     * @param retryAttempts Lambda's retries of a failed asynchronous invocation (S3 events) before the dead-letter queue
     * @param logRetention how long function logs are kept
     */
    public record Tuning(FunctionSizing validate, FunctionSizing transform, FunctionSizing load, FunctionSizing publish,
            SortedMap<String, Integer> reservedConcurrency, int retryAttempts, RetentionDays logRetention) {

        public Tuning {
            Objects.requireNonNull(validate, "validate must not be null");
            Objects.requireNonNull(transform, "transform must not be null");
            Objects.requireNonNull(load, "load must not be null");
            Objects.requireNonNull(publish, "publish must not be null");
            Objects.requireNonNull(logRetention, "logRetention must not be null");
            Objects.requireNonNull(reservedConcurrency, "reservedConcurrency must not be null");
            reservedConcurrency.forEach((function, reserved) -> {
                if (!IngestFunctions.NAMES.contains(function)) {
                    throw new IllegalArgumentException("reservedConcurrency names an unknown function '" + function
                            + "'; the functions are " + String.join(", ", IngestFunctions.NAMES));
                }
                if (reserved == null || reserved < 1) {
                    throw new IllegalArgumentException("reservedConcurrency of " + function + " must be at least 1, got "
                            + reserved + " (0 would stop the function; leave it out for no reservation)");
                }
            });
            reservedConcurrency = Collections.unmodifiableSortedMap(new TreeMap<>(reservedConcurrency));
            if (retryAttempts < 0 || retryAttempts > 2) {
                throw new IllegalArgumentException("retryAttempts must be within 0..2 (Lambda's limit), got " + retryAttempts);
            }
        }

        /**
         * validate and transform one full vCPU (1769 MB) for 15 minutes, transform with 10 GiB of /tmp for its spill
         * and so without SnapStart; load 512 MB for 15 minutes (it waits on Redshift), at most 5 at once; publish
         * 512 MB for 5 minutes; 2 retries; logs kept a month.
         *
         * <p>From BENCHMARKS.md (bench ingest): validate and transform are single-threaded and CPU-bound, 10M rows
         * take about 28 s on one core with a 256 MiB heap (peak RSS 336 MiB), so memory is set by the CPU it buys
         * (Lambda gives one full vCPU at 1769 MB), not by the heap; 15 minutes then covers files of a few hundred
         * million rows. Transform spills about the decompressed size of a file beyond its in-heap index to /tmp.
         */
        public static Tuning defaults() {
            return new Tuning(
                    FunctionSizing.of(1769, Duration.minutes(15)),
                    new FunctionSizing(1769, Duration.minutes(15), Size.gibibytes(10), false),
                    FunctionSizing.of(512, Duration.minutes(15)),
                    FunctionSizing.of(512, Duration.minutes(5)),
                    new TreeMap<>(), 2, RetentionDays.ONE_MONTH);
        }

        /** This tuning with the given reservations (by function name) instead of its own. */
        public Tuning withReservedConcurrency(Map<String, Integer> reservations) {
            return new Tuning(validate, transform, load, publish, new TreeMap<>(reservations), retryAttempts, logRetention);
        }

        /** The reserved concurrency of a function, or {@code null} for none (what CDK takes for "not set"). */
        Integer reservedConcurrency(String function) {
            return reservedConcurrency.get(function);
        }
    }
}
