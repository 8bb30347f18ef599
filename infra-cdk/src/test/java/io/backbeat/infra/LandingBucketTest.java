package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class LandingBucketTest {
    private static Template template;
    private static String bucket;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
        bucket = DevStack.logicalId(DevStack.stack().bucket().bucket());
    }

    @Test
    void bucket_isPrivateEncryptedAndVersioned() {
        template.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "landing/")))),
                "DeletionPolicy", "Retain"));
        assertThat(template.findResources("AWS::S3::Bucket")).containsKey(bucket);
    }

    @Test
    void bucketPolicy_deniesEveryRequestWithoutTls() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", bucket),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "s3:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void lifecycle_expiresQuarantineValidatedAndStagedAndTidiesTheWholeBucket() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "expire-quarantine", "Prefix", "quarantine/", "ExpirationInDays", 90,
                                "Status", "Enabled")),
                        Match.objectLike(Map.of("Id", "expire-validated", "Prefix", "validated/", "ExpirationInDays", 30,
                                "Status", "Enabled")),
                        Match.objectLike(Map.of("Id", "expire-staged", "Prefix", "staged/", "ExpirationInDays", 30,
                                "Status", "Enabled")),
                        Match.objectLike(Map.of("Id", "tidy-versions-and-uploads",
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7),
                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30),
                                "Prefix", Match.absent())))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void lifecycle_neverExpiresRawUploads() {
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) template
                .findResources("AWS::S3::Bucket").get(bucket)).get("Properties");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) properties
                .get("LifecycleConfiguration")).get("Rules");

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            String prefix = (String) rule.get("Prefix");
            if (rule.containsKey("ExpirationInDays") || rule.containsKey("ExpirationDate")) {
                assertThat(prefix).as("rule %s expires current objects", rule.get("Id"))
                        .isIn("quarantine/", "validated/", "staged/");
            }
        });
    }

    @Test
    void notifications_sendEachZoneToItsStageByPrefixAndSuffix() {
        DeployedFunction validate = DevStack.stack().functions().validate();
        DeployedFunction transform = DevStack.stack().functions().transform();
        DeployedFunction load = DevStack.stack().functions().load();

        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", Map.of("Ref", bucket),
                "NotificationConfiguration", Map.of("LambdaFunctionConfigurations", List.of(
                        trigger("raw/", ".csv", validate),
                        trigger("raw/", ".csv.gz", validate),
                        trigger("raw/events/", ".ndjson", validate),
                        trigger("raw/events/", ".ndjson.gz", validate),
                        trigger("raw/events/", ".json", validate),
                        trigger("raw/events/", ".json.gz", validate),
                        trigger("raw/catalog/", ".ndjson", validate),
                        trigger("raw/catalog/", ".ndjson.gz", validate),
                        trigger("raw/catalog/", ".json", validate),
                        trigger("raw/catalog/", ".json.gz", validate),
                        trigger("validated/", ".zst", transform),
                        trigger("staged/", ".zst", load)))));
    }

    @Test
    void notifications_sendEventUploadsAndFirehoseDeliveriesToValidate() {
        Object validate = DevStack.ref(DevStack.stack().functions().validate().alias().getFunctionArn());

        for (String key : List.of("raw/events/2024-06-25.ndjson", "raw/events/app/2024-06-25.ndjson.gz",
                "raw/events/events.json", "raw/events/events.json.gz", "raw/events/legacy.csv")) {
            assertThat(targetsOf(key)).as(key).containsExactly(validate);
        }
        // JSON lines are matched under raw/events/ only: another dataset's .json is not an upload of it
        assertThat(targetsOf("raw/streams/plays.ndjson.gz")).isEmpty();
        assertThat(targetsOf("raw/events/events.gz")).isEmpty();
    }

    @Test
    void notifications_haveNoTwoRulesS3WouldRefuseAsOverlapping() {
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html: overlapping prefixes and suffixes
        // are not supported; two rules overlap when one prefix starts the other and one suffix ends the other
        List<Notifications.Rule> rules = Notifications.rules(template);
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                Notifications.Rule a = rules.get(i);
                Notifications.Rule b = rules.get(j);
                boolean prefixes = a.prefix().startsWith(b.prefix()) || b.prefix().startsWith(a.prefix());
                boolean suffixes = a.suffix().endsWith(b.suffix()) || b.suffix().endsWith(a.suffix());
                assertThat(prefixes && suffixes).as("%s and %s overlap", a, b).isFalse();
            }
        }
    }

    @Test
    void notifications_neverSendAStageItsOwnOutput() {
        ZoneKey upload = ZoneKey.parse("raw/streams/2024/06/plays 25%.csv.gz");
        IngestFunctions functions = DevStack.stack().functions();
        Map<DeployedFunction, List<String>> outputs = Map.of(
                functions.validate(), List.of(upload.validated().key(), upload.quarantineRejects(Stage.VALIDATE).key(),
                        upload.quarantineReport(Stage.VALIDATE).key()),
                functions.transform(), List.of(upload.validated().staged().key(),
                        upload.quarantineRejects(Stage.TRANSFORM).key(), upload.quarantineReport(Stage.TRANSFORM).key()),
                // LoadSql.manifestKey in warehouse/
                functions.load(), List.of("staged/_manifests/0c6b3f1e-8d1a-4c8e-9a51-5b0c2f8e7d10.manifest"));

        outputs.forEach((stage, keys) -> keys.forEach(key ->
                assertThat(targetsOf(key)).as(key).doesNotContain(DevStack.ref(stage.alias().getFunctionArn()))));
        assertThat(targetsOf(upload.key())).containsExactly(DevStack.ref(functions.validate().alias().getFunctionArn()));
        assertThat(targetsOf(upload.validated().key()))
                .containsExactly(DevStack.ref(functions.transform().alias().getFunctionArn()));
        assertThat(targetsOf(upload.validated().staged().key()))
                .containsExactly(DevStack.ref(functions.load().alias().getFunctionArn()));
        assertThat(targetsOf("raw/streams/notes.txt")).isEmpty();
    }

    private static List<Object> targetsOf(String key) {
        return Notifications.targetsOf(template, key);
    }

    private static Map<String, Object> trigger(String prefix, String suffix, DeployedFunction target) {
        return Map.of(
                "Events", List.of("s3:ObjectCreated:*"),
                "Filter", Map.of("Key", Map.of("FilterRules", List.of(
                        Map.of("Name", "suffix", "Value", suffix), Map.of("Name", "prefix", "Value", prefix)))),
                "LambdaFunctionArn", DevStack.ref(target.alias().getFunctionArn()));
    }
}
