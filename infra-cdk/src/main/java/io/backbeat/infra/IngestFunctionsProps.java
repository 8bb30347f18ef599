package io.backbeat.infra;

import java.util.Objects;
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
     * @param loadConcurrency reserved concurrency of load: how many loads may talk to the warehouse at once
     * @param retryAttempts Lambda's retries of a failed asynchronous invocation (S3 events) before the dead-letter queue
     * @param logRetention how long function logs are kept
     */
    public record Tuning(FunctionSizing validate, FunctionSizing transform, FunctionSizing load, FunctionSizing publish,
            int loadConcurrency, int retryAttempts, RetentionDays logRetention) {

        public Tuning {
            Objects.requireNonNull(validate, "validate must not be null");
            Objects.requireNonNull(transform, "transform must not be null");
            Objects.requireNonNull(load, "load must not be null");
            Objects.requireNonNull(publish, "publish must not be null");
            Objects.requireNonNull(logRetention, "logRetention must not be null");
            if (loadConcurrency < 1) {
                throw new IllegalArgumentException("loadConcurrency must be at least 1, got " + loadConcurrency);
            }
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
                    5, 2, RetentionDays.ONE_MONTH);
        }
    }
}
