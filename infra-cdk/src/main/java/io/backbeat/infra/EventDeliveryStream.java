package io.backbeat.infra;

import io.backbeat.events.Dataset;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.AppendDelimiterToRecordProcessor;
import software.amazon.awscdk.services.kinesisfirehose.Compression;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.EnableLogging;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.kinesisfirehose.StreamEncryption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Amazon Data Firehose delivery stream apps send their events to, one JSON object per record, with
 * {@code PutRecord} or {@code PutRecordBatch}: Direct PUT, encrypted at rest with an AWS owned key, delivered as
 * gzip objects under {@code raw/events/} with a newline after each record, so that every delivered object is an
 * upload of the {@code events} dataset (JSON lines) and the bucket notification starts validate on it.
 *
 * <pre>{@code
 * EventDeliveryStream events = new EventDeliveryStream(stack, "Events",
 *         EventDeliveryStream.Props.of(bucket.bucket(), RetentionDays.ONE_MONTH));
 * events.producerPolicy();   // attach to the apps' roles: PutRecord and PutRecordBatch on this stream only
 * }</pre>
 *
 * <p>Delivered keys are {@code raw/events/yyyy/MM/dd/HH/<stream name>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>.ndjson.gz}
 * (UTC, the arrival time of the object's oldest record): letters, digits, {@code -}, {@code .} and {@code /} only,
 * which {@code ZoneKey.parse} reads as zone {@code raw}, dataset {@code events} and a nested path
 * (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html,
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html). Records Firehose fails to process go to
 * {@code firehose-errors/events/}, outside every zone, so they never start the pipeline.
 *
 * <p>The role Firehose writes with is this construct's own: CDK's {@code S3Bucket} destination would grant
 * {@code grantReadWrite} on the whole bucket (every zone, deletes included), so the destination gets a view of
 * the role that ignores grants, and the role gets exactly the statements below.
 */
public final class EventDeliveryStream extends Construct {
    /**
     * The name ending of delivered objects, in place of Firehose's {@code .gz}: the bucket notification of
     * {@code raw/events/} matches it, and {@code .gz} alone would overlap the {@code .csv.gz} rule of {@code raw/}.
     */
    static final String FILE_EXTENSION = ".ndjson.gz";
    /** How the id of the mapping aws-cdk-lib's DeliveryStream adds to the stack ends (see the constructor). */
    static final String FIREHOSE_CIDR_MAPPING = "aws-kinesisfirehose.CidrBlocks";
    /** Where delivered objects go: the raw zone of the events dataset. */
    static final String DATA_PREFIX = LandingBucket.rawPrefix(Dataset.EVENTS);
    /** Where records Firehose could not process go: not a zone, so no notification ever sees them. */
    static final String ERROR_PREFIX = "firehose-errors/" + Dataset.EVENTS.id() + "/";

    private final DeliveryStream stream;
    private final Role role;
    private final LogGroup logGroup;
    private final ManagedPolicy producerPolicy;

    /**
     * @param bucket the landing bucket (SSE-S3: Firehose needs no key permission to write to it)
     * @param bufferingInterval the longest Firehose holds records before it writes an object, 0 to 900 seconds
     * @param bufferingSize the most it holds before it writes an object, 1 to 128 MiB
     * @param logRetention how long delivery errors are kept in the stream's log group
     */
    public record Props(IBucket bucket, Duration bufferingInterval, Size bufferingSize, RetentionDays logRetention) {
        public Props {
            Objects.requireNonNull(bucket, "bucket must not be null");
            Objects.requireNonNull(bufferingInterval, "bufferingInterval must not be null");
            Objects.requireNonNull(bufferingSize, "bufferingSize must not be null");
            Objects.requireNonNull(logRetention, "logRetention must not be null");
            // https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html
            double seconds = bufferingInterval.toSeconds().doubleValue();
            if (seconds < 0 || seconds > 900) {
                throw new IllegalArgumentException("bufferingInterval must be within 0..900 seconds (Firehose's limits), got "
                        + bufferingInterval.toHumanString());
            }
            double mebibytes = bufferingSize.toMebibytes().doubleValue();
            if (mebibytes < 1 || mebibytes > 128) {
                throw new IllegalArgumentException("bufferingSize must be within 1..128 MiB (Firehose's limits), got "
                        + (long) mebibytes + " MiB");
            }
        }

        /**
         * An object every 2 minutes, or every 64 MiB of events when they come faster. Each object is one validate,
         * transform and load, and one warehouse transaction; two minutes keeps the events "a minute or two" old
         * while halving the loads a one-minute interval would start.
         */
        public static Props of(IBucket bucket, RetentionDays logRetention) {
            return new Props(bucket, Duration.minutes(2), Size.mebibytes(64), logRetention);
        }
    }

    public EventDeliveryStream(Construct scope, String id, Props props) {
        super(scope, id);
        IBucket bucket = props.bucket();
        logGroup = LogGroup.Builder.create(this, "DeliveryErrors")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Only Firehose may assume it, and only a stream created by someone allowed to pass it (iam:PassRole), so
        // no other account's stream can write with it.
        role = Role.Builder.create(this, "DeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com"))
                .description("Firehose delivery of app events to raw/events/ of the Backbeat landing bucket")
                .build();
        grantDelivery(bucket);

        stream = DeliveryStream.Builder.create(this, "Stream")
                .encryption(StreamEncryption.awsOwnedKey())
                .destination(S3Bucket.Builder.create(bucket)
                        .role(role.withoutPolicyUpdates())
                        .dataOutputPrefix(DATA_PREFIX + "!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/")
                        .errorOutputPrefix(ERROR_PREFIX
                                + "!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/")
                        .compression(Compression.GZIP)
                        .fileExtension(FILE_EXTENSION)
                        // Firehose concatenates records with no delimiter unless told to append one:
                        // https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html,
                        // https://docs.aws.amazon.com/firehose/latest/APIReference/API_Processor.html
                        .processors(List.of(new AppendDelimiterToRecordProcessor()))
                        .bufferingInterval(props.bufferingInterval())
                        .bufferingSize(props.bufferingSize())
                        .loggingConfig(new EnableLogging(logGroup))
                        .build())
                .build();
        // The role's policy exists before the stream that writes with it.
        stream.getNode().addDependency(role);
        // The L2 stream adds a stack-wide mapping of Firehose's IP ranges for its `connections` (a Redshift or VPC
        // destination's security groups); an S3 destination never uses it, and CloudFormation's validation warns about
        // a mapping nothing reads (W7001) on every synth and deploy. Nothing here reads `connections`.
        Stack stack = Stack.of(this);
        List<String> mappings = stack.getNode().getChildren().stream()
                .map(child -> child.getNode().getId())
                .filter(childId -> childId.endsWith(FIREHOSE_CIDR_MAPPING))
                .toList();
        if (mappings.size() != 1) {
            throw new IllegalStateException("aws-cdk-lib's DeliveryStream no longer adds one mapping *" + FIREHOSE_CIDR_MAPPING
                    + " (found " + mappings + "); remove this workaround");
        }
        stack.getNode().tryRemoveChild(mappings.get(0));

        producerPolicy = ManagedPolicy.Builder.create(this, "ProducerPolicy")
                .description("Backbeat event producer: PutRecord and PutRecordBatch on the app events delivery stream of"
                        + " stack " + Stack.of(this).getStackName())
                .statements(List.of(PolicyStatement.Builder.create()
                        .sid("SendEvents")
                        .actions(List.of("firehose:PutRecord", "firehose:PutRecordBatch"))
                        .resources(List.of(stream.getDeliveryStreamArn()))
                        .build()))
                .build();
        Suppressions.eventDeliveryRole(role, bucket, List.of(DATA_PREFIX + "*", ERROR_PREFIX + "*"));
    }

    /**
     * What the Firehose S3 destination page lists for the role, narrowed to this stream's two prefixes
     * (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3): writing objects and
     * aborting a multipart upload there; {@code s3:GetObject} there too, as the page lists it (and on nothing
     * else of the bucket); listing the bucket only under the two
     * prefixes ({@code s3:prefix}); finding the bucket's Region and its multipart uploads, bucket-level actions
     * that take no prefix condition; and writing delivery errors to its log group. No KMS statement: the bucket is
     * SSE-S3 ({@link LandingBucket}); with a customer key it would need {@code kms:GenerateDataKey} and
     * {@code kms:Decrypt} on it, conditioned on {@code kms:ViaService} and {@code kms:EncryptionContext:aws:s3:arn}
     * as that page shows. The bucket's TLS-only policy does not stop Firehose, which writes to S3 over HTTPS
     * (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html).
     */
    private void grantDelivery(IBucket bucket) {
        List<String> prefixes = List.of(DATA_PREFIX, ERROR_PREFIX);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteDeliveredObjects")
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"))
                .resources(prefixes.stream().map(prefix -> bucket.arnForObjects(prefix + "*")).toList())
                .build());
        PolicyStatement list = LandingBucket.listPrefixes(bucket, prefixes);
        list.setSid("ListDeliveryPrefixes");
        role.addToPrincipalPolicy(list);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("LocateBucket")
                .actions(List.of("s3:GetBucketLocation", "s3:ListBucketMultipartUploads"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
        logGroup.grant(role, "logs:PutLogEvents");
    }

    public DeliveryStream stream() {
        return stream;
    }

    /** The role Firehose assumes to write to the bucket and the log group. */
    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** {@code firehose:PutRecord} and {@code firehose:PutRecordBatch} on this stream, for the apps that send events. */
    public ManagedPolicy producerPolicy() {
        return producerPolicy;
    }
}
