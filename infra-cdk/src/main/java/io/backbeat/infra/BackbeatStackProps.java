package io.backbeat.infra;

import java.util.Objects;

/**
 * A whole deployment.
 *
 * @param stage the stage name (part of the stack name and of the Redshift names), e.g. {@code dev}
 * @param functionsJar the Lambda deployment package
 * @param bucket the landing bucket's expiry and removal
 * @param tables the tables' removal
 * @param tuning the functions' sizes, retries and log retention
 */
public record BackbeatStackProps(String stage, FunctionsJar functionsJar, LandingBucketProps bucket,
        PipelineTables.Props tables, IngestFunctionsProps.Tuning tuning) {

    public BackbeatStackProps {
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(functionsJar, "functionsJar must not be null");
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(tables, "tables must not be null");
        Objects.requireNonNull(tuning, "tuning must not be null");
    }

    /** The defaults of every construct. */
    public static BackbeatStackProps of(String stage, FunctionsJar functionsJar) {
        return new BackbeatStackProps(stage, functionsJar, LandingBucketProps.defaults(), PipelineTables.Props.defaults(),
                IngestFunctionsProps.Tuning.defaults());
    }
}
