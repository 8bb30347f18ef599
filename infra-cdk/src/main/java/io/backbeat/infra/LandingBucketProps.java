package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;

/**
 * How long the landing bucket keeps what the pipeline derives. {@code raw/} never expires: raw uploads are the record of
 * what arrived, and any stage can be re-run from them ({@code backbeat replay --key raw/…}).
 *
 * @param quarantineExpiry rejected rows and reports under {@code quarantine/}
 * @param validatedExpiry binary rows under {@code validated/}, read once by transform right after validate wrote them
 *     (kept a while so that a failed transform can be replayed from them without validating again)
 * @param stagedExpiry loadable files under {@code staged/} (the warehouse holds their rows once loaded)
 * @param incompleteUploadExpiry multipart uploads never completed, bucket-wide
 * @param noncurrentVersionExpiry overwritten or deleted versions, bucket-wide (versioning would keep them forever)
 * @param removalPolicy what {@code cdk destroy} does to the bucket
 */
public record LandingBucketProps(Duration quarantineExpiry, Duration validatedExpiry, Duration stagedExpiry,
        Duration incompleteUploadExpiry, Duration noncurrentVersionExpiry, RemovalPolicy removalPolicy) {

    public LandingBucketProps {
        Objects.requireNonNull(quarantineExpiry, "quarantineExpiry must not be null");
        Objects.requireNonNull(validatedExpiry, "validatedExpiry must not be null");
        Objects.requireNonNull(stagedExpiry, "stagedExpiry must not be null");
        Objects.requireNonNull(incompleteUploadExpiry, "incompleteUploadExpiry must not be null");
        Objects.requireNonNull(noncurrentVersionExpiry, "noncurrentVersionExpiry must not be null");
        Objects.requireNonNull(removalPolicy, "removalPolicy must not be null");
    }

    /**
     * Quarantine 90 days, validated and staged 30 days, incomplete uploads 7 days, old versions 30 days; the bucket is
     * retained. {@code validated/} is zstd level -5 for speed, which stores about 8% more than level 1 would: kept
     * forever, as it was before, those bytes would cost more each month than the level saves once (BENCHMARKS.md,
     * "The target is not met: the floor").
     */
    public static LandingBucketProps defaults() {
        return new LandingBucketProps(Duration.days(90), Duration.days(30), Duration.days(30), Duration.days(7),
                Duration.days(30), RemovalPolicy.RETAIN);
    }
}
