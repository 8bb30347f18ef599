package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;

/**
 * How long the landing bucket keeps what the pipeline derives. {@code raw/} and {@code validated/} never expire:
 * raw uploads are the record of what arrived, and any stage can be re-run from them.
 *
 * @param quarantineExpiry rejected rows and reports under {@code quarantine/}
 * @param stagedExpiry loadable files under {@code staged/} (the warehouse holds their rows once loaded)
 * @param incompleteUploadExpiry multipart uploads never completed, bucket-wide
 * @param noncurrentVersionExpiry overwritten or deleted versions, bucket-wide (versioning would keep them forever)
 * @param removalPolicy what {@code cdk destroy} does to the bucket
 */
public record LandingBucketProps(Duration quarantineExpiry, Duration stagedExpiry, Duration incompleteUploadExpiry,
        Duration noncurrentVersionExpiry, RemovalPolicy removalPolicy) {

    public LandingBucketProps {
        Objects.requireNonNull(quarantineExpiry, "quarantineExpiry must not be null");
        Objects.requireNonNull(stagedExpiry, "stagedExpiry must not be null");
        Objects.requireNonNull(incompleteUploadExpiry, "incompleteUploadExpiry must not be null");
        Objects.requireNonNull(noncurrentVersionExpiry, "noncurrentVersionExpiry must not be null");
        Objects.requireNonNull(removalPolicy, "removalPolicy must not be null");
    }

    /** Quarantine 90 days, staged 30 days, incomplete uploads 7 days, old versions 30 days; the bucket is retained. */
    public static LandingBucketProps defaults() {
        return new LandingBucketProps(Duration.days(90), Duration.days(30), Duration.days(7), Duration.days(30),
                RemovalPolicy.RETAIN);
    }
}
