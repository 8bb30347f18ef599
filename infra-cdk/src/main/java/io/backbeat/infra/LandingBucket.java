package io.backbeat.infra;

import io.backbeat.events.Dataset;
import io.backbeat.events.InputFormat;
import io.backbeat.events.Zone;
import io.backbeat.events.ZoneKey;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.constructs.Construct;

/**
 * The one bucket of the pipeline, its zones as prefixes ({@link Zone}), and the notifications that move an
 * object from zone to zone. Private, TLS-only, versioned, SSE-S3 encrypted, with server access logs in a
 * second bucket.
 *
 * <p>SSE-S3 rather than KMS: who may read which zone is decided by the IAM prefix grants below; a customer key
 * would add a key policy to keep in step with them (and {@code kms:Decrypt} for the Redshift COPY role) and a
 * per-request cost, without narrowing access. Switch to {@code BucketEncryption.KMS} if a key-level audit trail
 * or revocation is required.
 */
public final class LandingBucket extends Construct {
    private final Bucket bucket;

    /**
     * Which function each zone's new objects go to.
     *
     * @param validate called for uploads under {@code raw/}
     * @param transform called for validated files
     * @param load called for staged files
     */
    public record StageTriggers(IFunction validate, IFunction transform, IFunction load) {
        public StageTriggers {
            Objects.requireNonNull(validate, "validate must not be null");
            Objects.requireNonNull(transform, "transform must not be null");
            Objects.requireNonNull(load, "load must not be null");
        }
    }

    public LandingBucket(Construct scope, String id, LandingBucketProps props) {
        super(scope, id);
        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(90)).build()))
                .removalPolicy(props.removalPolicy())
                .build();
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("landing/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-quarantine").prefix(prefix(Zone.QUARANTINE))
                                .expiration(props.quarantineExpiry()).build(),
                        LifecycleRule.builder().id("expire-validated").prefix(prefix(Zone.VALIDATED))
                                .expiration(props.validatedExpiry()).build(),
                        LifecycleRule.builder().id("expire-staged").prefix(prefix(Zone.STAGED))
                                .expiration(props.stagedExpiry()).build(),
                        LifecycleRule.builder().id("tidy-versions-and-uploads")
                                .abortIncompleteMultipartUploadAfter(props.incompleteUploadExpiry())
                                .noncurrentVersionExpiration(props.noncurrentVersionExpiry())
                                .expiredObjectDeleteMarker(true)
                                .build()))
                .removalPolicy(props.removalPolicy())
                .build();
    }

    /**
     * Sends every new object of a zone to its stage, filtered by prefix and suffix so that no function sees its
     * own output: validate writes {@code validated/…zst} and {@code quarantine/}, transform {@code staged/…zst}
     * and {@code quarantine/}, load only {@code staged/_manifests/….manifest}, which no suffix matches.
     *
     * <p>Uploads of a JSON-lines dataset ({@code raw/events/}) are matched by {@link InputFormat#JSON_LINES}'s suffixes under
     * that dataset's prefix only, which is where the event delivery stream writes ({@link EventDeliveryStream}).
     * S3 refuses two rules of one event type whose prefixes overlap and whose suffixes overlap
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html,
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html): {@code raw/}
     * and {@code raw/events/} overlap, so no suffix here may end another ({@code .gz} alone would end
     * {@code .csv.gz}), and a suffix already matched under {@code raw/} is not repeated.
     */
    public void addStageTriggers(StageTriggers triggers) {
        for (String suffix : InputFormat.CSV.uploadSuffixes()) {
            notify(prefix(Zone.RAW), suffix, triggers.validate());
        }
        for (Dataset dataset : Dataset.values()) {
            if (dataset.inputFormat() == InputFormat.JSON_LINES) {
                for (String suffix : InputFormat.JSON_LINES.uploadSuffixes()) {
                    if (!InputFormat.CSV.uploadSuffixes().contains(suffix)) {
                        notify(rawPrefix(dataset), suffix, triggers.validate());
                    }
                }
            }
        }
        notify(prefix(Zone.VALIDATED), ZoneKey.COMPRESSED_CSV_SUFFIX, triggers.transform());
        notify(prefix(Zone.STAGED), ZoneKey.COMPRESSED_CSV_SUFFIX, triggers.load());
    }

    private void notify(String prefix, String suffix, IFunction target) {
        bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(target),
                NotificationKeyFilter.builder().prefix(prefix).suffix(suffix).build());
    }

    /** {@code raw/<dataset>/}: where a dataset's uploads (and, for {@code events}, Firehose's objects) land. */
    static String rawPrefix(Dataset dataset) {
        return prefix(Zone.RAW) + dataset.id() + "/";
    }

    /**
     * Lets {@code grantee} read the objects under {@code prefix} (every version: the functions read the version an
     * event names) and list that prefix only. CDK's {@code grantRead} would allow {@code s3:List*} on the whole
     * bucket; here {@code s3:ListBucket} carries the condition {@code s3:prefix}
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html).
     *
     * <p>The list right is what makes S3 answer 404 rather than 403 for a key that is gone ("If you have the
     * s3:ListBucket permission on the bucket, Amazon S3 returns an HTTP status code 404",
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html), which the functions and
     * {@code backbeat replay} read as "superseded" or "not in the bucket". For that check S3 evaluates
     * {@code s3:prefix} as the requested key, so a key under the prefix still gets its 404.
     *
     * @param prefix a key prefix ending in {@code /}, e.g. {@code staged/}
     */
    static void grantReadObjects(IBucket bucket, IGrantable grantee, String prefix) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("s3:GetObject", "s3:GetObjectVersion"))
                .resourceArns(List.of(bucket.arnForObjects(prefix + "*")))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(listPrefixes(bucket, List.of(prefix)));
    }

    /** {@code s3:ListBucket} on the bucket, for keys under the given prefixes only. */
    static PolicyStatement listPrefixes(IBucket bucket, List<String> prefixes) {
        return PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", prefixes.stream().map(p -> p + "*").toList())))
                .build();
    }

    /**
     * Lets {@code grantee} write objects matching {@code keyPattern}: {@code s3:PutObject} (which covers the
     * multipart upload calls) and {@code s3:AbortMultipartUpload} (the streaming writer aborts a failed upload).
     * Not CDK's {@code grantPut}, which adds object tagging, legal hold and retention, none of which is used.
     */
    static void grantWriteObjects(IBucket bucket, IGrantable grantee, String keyPattern) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resourceArns(List.of(bucket.arnForObjects(keyPattern)))
                .build());
    }

    /** The key pattern of every object in a zone, for {@code grantRead}/{@code grantPut}. */
    public static String objectsIn(Zone zone) {
        return prefix(zone) + "*";
    }

    static String prefix(Zone zone) {
        return zone.prefix() + "/";
    }

    public IBucket bucket() {
        return bucket;
    }
}
