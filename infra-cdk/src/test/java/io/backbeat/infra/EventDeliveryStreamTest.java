package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.Dataset;
import io.backbeat.events.StackOutputs;
import io.backbeat.events.Zone;
import io.backbeat.events.ZoneKey;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.RetentionDays;

class EventDeliveryStreamTest {
    private static Template template;
    private static EventDeliveryStream events;
    private static Map<String, Object> destination;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesize() {
        template = DevStack.template();
        events = DevStack.stack().events();
        Map<String, Object> stream = template.findResources("AWS::KinesisFirehose::DeliveryStream").get(
                DevStack.logicalId(events.stream()));
        destination = (Map<String, Object>) ((Map<String, Object>) stream.get("Properties"))
                .get("ExtendedS3DestinationConfiguration");
    }

    @Test
    void stream_isDirectPutEncryptedWithAnAwsOwnedKey() {
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamType", "DirectPut",
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "AWS_OWNED_CMK")));
    }

    @Test
    void stream_deliversGzipWithANewlineAfterEachRecordEveryTwoMinutesIntoTheLandingBucket() {
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "BucketARN", Map.of("Fn::GetAtt", List.of(DevStack.logicalId(DevStack.stack().bucket().bucket()), "Arn")),
                        "RoleARN", Map.of("Fn::GetAtt", List.of(DevStack.logicalId(events.role()), "Arn")),
                        "CompressionFormat", "GZIP",
                        "FileExtension", ".ndjson.gz",
                        "BufferingHints", Map.of("IntervalInSeconds", 120, "SizeInMBs", 64),
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", List.of(
                                Map.of("Type", "AppendDelimiterToRecord", "Parameters", List.of()))),
                        "DynamicPartitioningConfiguration", Match.absent(),
                        "CloudWatchLoggingOptions", Map.of("Enabled", true,
                                "LogGroupName", DevStack.ref(events.logGroup().getLogGroupName()),
                                "LogStreamName", Match.anyValue())))));
    }

    @Test
    void deliveredObjects_areRawEventsUploadsThatStartValidate() {
        String key = evaluate((String) destination.get("Prefix"), "")
                + "Backbeat-dev-EventsStream-kF3pZ0aQ1bC2-1-2024-06-25-13-05-09-0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
                + destination.get("FileExtension");

        assertThat(key).startsWith("raw/events/2024/06/25/13/");
        ZoneKey zoneKey = ZoneKey.parse(key);
        assertThat(zoneKey.zone()).isEqualTo(Zone.RAW);
        assertThat(zoneKey.dataset()).contains(Dataset.EVENTS);
        assertThat(key).matches("[A-Za-z0-9/.-]+");
        assertThat(Notifications.targetsOf(template, key))
                .containsExactly(DevStack.ref(DevStack.stack().functions().validate().alias().getFunctionArn()));
    }

    @Test
    void failedRecords_landOutsideEveryZoneAndStartNothing() {
        String key = evaluate((String) destination.get("ErrorOutputPrefix"), "processing-failed")
                + "Backbeat-dev-EventsStream-1-2024-06-25-13-05-09-0b1c2d3e" + destination.get("FileExtension");

        assertThat(key).startsWith("firehose-errors/events/processing-failed/2024/06/25/");
        for (Zone zone : Zone.values()) {
            assertThat(key).doesNotStartWith(zone.prefix() + "/");
        }
        assertThat(Notifications.targetsOf(template, key)).isEmpty();
    }

    @Test
    void deliveryRole_isAssumedByFirehoseOnly() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "Description", Match.stringLikeRegexp("Firehose delivery of app events.*"),
                "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "firehose.amazonaws.com"))))));
    }

    @Test
    void deliveryRole_writesOnlyUnderRawEventsAndTheErrorPrefix() {
        List<Map<String, Object>> statements = Policies.statements(template, events.role());
        Object bucket = Map.of("Fn::GetAtt", List.of(DevStack.logicalId(DevStack.stack().bucket().bucket()), "Arn"));

        assertThat(Policies.actionsOn(statements, Policies.objects("raw/events/*")))
                .containsExactlyInAnyOrder("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject");
        assertThat(Policies.actionsOn(statements, Policies.objects("firehose-errors/events/*")))
                .containsExactlyInAnyOrder("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject");
        assertThat(Policies.actionsOn(statements, bucket))
                .containsExactlyInAnyOrder("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads");
        assertThat(Policies.listedPrefixes(statements)).containsExactly("raw/events/*", "firehose-errors/events/*");
        assertThat(Policies.actionsOn(statements, Map.of("Fn::GetAtt", List.of(DevStack.logicalId(events.logGroup()), "Arn"))))
                .containsExactly("logs:PutLogEvents");
        assertThat(Policies.allActions(statements)).containsExactlyInAnyOrder("s3:PutObject", "s3:AbortMultipartUpload",
                "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads", "logs:PutLogEvents");
        assertThat(Policies.actionsOn(statements, Policies.objects("*"))).isEmpty();
        assertThat(Policies.actionsOn(statements, "*")).isEmpty();
    }

    @Test
    void deliveryRole_isNotGrantedAnythingByTheBucketPolicy() {
        String role = DevStack.logicalId(events.role());
        template.findResources("AWS::S3::BucketPolicy").values()
                .forEach(policy -> assertThat(policy.toString()).doesNotContain(role));
    }

    @Test
    void stream_isCreatedAfterItsRolePolicy() {
        Map<String, Object> stream = template.findResources("AWS::KinesisFirehose::DeliveryStream").get(
                DevStack.logicalId(events.stream()));
        String policy = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", List.of(DevStack.ref(events.role().getRoleName()))))).keySet().iterator().next();

        assertThat(stream.get("DependsOn")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(policy);
    }

    @Test
    void producerPolicy_allowsPutRecordAndPutRecordBatchOnThisStreamOnly() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                "Description", Match.stringLikeRegexp("Backbeat event producer.*"),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Sid", "SendEvents",
                        "Effect", "Allow",
                        "Action", List.of("firehose:PutRecord", "firehose:PutRecordBatch"),
                        "Resource", DevStack.ref(events.stream().getDeliveryStreamArn()))))));
    }

    @Test
    void outputs_nameTheStreamAndTheProducerPolicy() {
        template.hasOutput(StackOutputs.EVENTS_DELIVERY_STREAM_NAME,
                Map.of("Value", DevStack.ref(events.stream().getDeliveryStreamName())));
        template.hasOutput(StackOutputs.EVENTS_PRODUCER_POLICY_ARN,
                Map.of("Value", DevStack.ref(events.producerPolicy().getManagedPolicyArn())));
    }

    @Nested
    class PropsValidation {
        private final software.amazon.awscdk.services.s3.IBucket bucket = DevStack.stack().bucket().bucket();

        @Test
        void props_refuseABufferingIntervalFirehoseDoesNotAccept() {
            assertThatThrownBy(() -> new EventDeliveryStream.Props(bucket, Duration.minutes(16), Size.mebibytes(64),
                    RetentionDays.ONE_MONTH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bufferingInterval must be within 0..900 seconds (Firehose's limits), got 16 minutes");
        }

        @Test
        void props_refuseABufferingSizeFirehoseDoesNotAccept() {
            assertThatThrownBy(() -> new EventDeliveryStream.Props(bucket, Duration.minutes(2), Size.mebibytes(256),
                    RetentionDays.ONE_MONTH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bufferingSize must be within 1..128 MiB (Firehose's limits), got 256 MiB");
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile("!\\{(timestamp|firehose):([^}]+)}");

    /**
     * A Firehose prefix as Firehose evaluates it: {@code timestamp} values are Java DateTimeFormatter patterns of the
     * arrival time (UTC), {@code firehose:error-output-type} the failure's kind
     * (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html).
     */
    private static String evaluate(String prefix, String errorOutputType) {
        ZonedDateTime arrival = ZonedDateTime.of(2024, 6, 25, 13, 5, 9, 0, ZoneOffset.UTC);
        Matcher matcher = EXPRESSION.matcher(prefix);
        StringBuilder evaluated = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "timestamp" -> DateTimeFormatter.ofPattern(matcher.group(2)).format(arrival);
                default -> {
                    assertThat(matcher.group(2)).isEqualTo("error-output-type");
                    yield errorOutputType;
                }
            };
            matcher.appendReplacement(evaluated, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(evaluated);
        return evaluated.toString();
    }

    @Test
    void theTemplateHasNoMappingNothingReads() {
        var json = template.toJSON();
        assertThat(json).doesNotContainKey("Mappings");
        assertThat(json.toString()).doesNotContain("Fn::FindInMap");
    }
}
