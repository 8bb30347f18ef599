package io.backbeat.localcloud.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.localcloud.cloud.LocalCloud;
import java.io.InputStream;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;

class S3EventFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class ObjectCreated {
        @Test
        void objectCreated_fillsTheRecordAsS3Does() {
            S3Event event = S3EventFixtures.objectCreated("landing", "raw/streams/june 2024.csv", "abc123", 553_410);

            S3EventNotificationRecord record = event.getRecords().getFirst();
            assertThat(event.getRecords()).hasSize(1);
            assertThat(record.getEventSource()).isEqualTo("aws:s3");
            assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
            assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
            assertThat(record.getEventTime()).isNotNull();
            assertThat(record.getS3().getBucket().getName()).isEqualTo("landing");
            assertThat(record.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::landing");
            S3ObjectEntity object = record.getS3().getObject();
            assertThat(object.getKey()).isEqualTo("raw/streams/june+2024.csv");
            assertThat(object.getUrlDecodedKey()).isEqualTo("raw/streams/june 2024.csv");
            assertThat(object.getSizeAsLong()).isEqualTo(553_410L);
            assertThat(object.geteTag()).isEqualTo("abc123");
            assertThat(object.getVersionId()).as("the Lambda runtime reads a missing versionId as empty").isEmpty();
            assertThat(object.getSequencer()).matches("[0-9A-F]{18}");
        }

        @Test
        void objectCreated_withVersionId_carriesIt() {
            S3Event event = S3EventFixtures.objectCreated("landing", "k", "abc", 1, "096fKKXTRTtl3on89fVO.nfljtsv6qko");

            assertThat(event.getRecords().getFirst().getS3().getObject().getVersionId())
                    .isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
        }

        @Test
        void objectCreated_withMultipartETag_isCompleteMultipartUpload() {
            S3Event event = S3EventFixtures.objectCreated("landing", "k", "3858f62230ac3c915f300c664312c11f-13", 1);

            assertThat(event.getRecords().getFirst().getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        }

        @Test
        void objectCreated_sizeBeyondIntRange_keepsTheLong() {
            S3Event event = S3EventFixtures.objectCreated("landing", "k", "abc", 6_000_000_000L);

            assertThat(event.getRecords().getFirst().getS3().getObject().getSizeAsLong()).isEqualTo(6_000_000_000L);
        }

        @Test
        void objectsCreated_keepsOrderWithRisingSequencers() {
            S3Event event = S3EventFixtures.objectsCreated(List.of(
                    CreatedObject.of("landing", "raw/streams/a.csv", "e1", 1),
                    CreatedObject.of("landing", "raw/users/b.csv", "e2", 2, "v2"),
                    CreatedObject.of("other", "raw/songs/c.csv", "e3", 3)));

            assertThat(event.getRecords()).extracting(r -> r.getS3().getObject().getKey())
                    .containsExactly("raw/streams/a.csv", "raw/users/b.csv", "raw/songs/c.csv");
            assertThat(event.getRecords()).extracting(r -> r.getS3().getBucket().getName())
                    .containsExactly("landing", "landing", "other");
            List<String> sequencers = event.getRecords().stream().map(r -> r.getS3().getObject().getSequencer()).toList();
            assertThat(sequencers).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void objectsCreated_rejectsAnEmptyList() {
            assertThatThrownBy(() -> S3EventFixtures.objectsCreated(List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("objects must not be empty: S3 sends no event without a record");
        }

        @Test
        void objectCreatedJson_withVersionId_writesIt() throws Exception {
            String json = S3EventFixtures.objectCreatedJson("landing", "k", "abc", 7, "v1");

            assertThat(JSON.readTree(json).at("/Records/0/s3/object/versionId").asText()).isEqualTo("v1");
        }

        @Test
        void objectCreatedJson_isTheNotificationTextWithEncodedKey() throws Exception {
            String json = S3EventFixtures.objectCreatedJson("landing", "raw/a b+c.csv", "abc", 7);

            JsonNode object = JSON.readTree(json).get("Records").get(0).get("s3").get("object");
            assertThat(object.get("key").asText()).isEqualTo("raw/a+b%2Bc.csv");
            assertThat(object.get("size").asLong()).isEqualTo(7);
            assertThat(object.has("versionId")).isFalse();
            assertThat(S3EventFixtures.parse(json).getRecords().getFirst().getS3().getObject().getUrlDecodedKey())
                    .isEqualTo("raw/a b+c.csv");
        }
    }

    @Nested
    class FromLocalCloud {
        @Test
        void objectCreated_headsTheObjectForETagAndSize() throws Exception {
            LocalCloud cloud = LocalCloud.shared();
            String bucket = cloud.createBucket("events");
            String key = "raw/streams/june 2024/plays + extra=yes.csv";
            byte[] body = "track_id,user_id\n".getBytes(UTF_8);
            cloud.s3Client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));

            S3ObjectEntity object = S3EventFixtures.objectCreated(cloud.s3Client(), bucket, key)
                    .getRecords().getFirst().getS3().getObject();

            assertThat(object.getUrlDecodedKey()).isEqualTo(key);
            assertThat(object.getSizeAsLong()).isEqualTo(body.length);
            assertThat(object.geteTag()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)));
        }
    }

    @Nested
    class Samples {
        @ParameterizedTest
        @ValueSource(strings = {"object-created-put.json", "object-created-multipart.json", "object-created-hostile-keys.json"})
        void load_readsEveryRecordOfTheSample(String sample) throws Exception {
            JsonNode records = sampleJson(sample).get("Records");

            S3Event event = S3EventFixtures.load(sample);

            assertThat(event.getRecords()).hasSize(records.size());
            for (int i = 0; i < records.size(); i++) {
                JsonNode expected = records.get(i);
                S3EventNotificationRecord record = event.getRecords().get(i);
                JsonNode object = expected.get("s3").get("object");
                assertThat(record.getEventName()).isEqualTo(expected.get("eventName").asText());
                assertThat(record.getEventTime()).isNotNull();
                assertThat(record.getS3().getBucket().getName()).isEqualTo(expected.get("s3").get("bucket").get("name").asText());
                assertThat(record.getS3().getObject().getKey()).isEqualTo(object.get("key").asText());
                assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(object.get("size").asLong());
                assertThat(record.getS3().getObject().geteTag()).isEqualTo(object.get("eTag").asText());
                assertThat(record.getS3().getObject().getVersionId()).isEqualTo(text(object, "versionId"));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"object-created-put.json", "object-created-multipart.json", "object-created-hostile-keys.json"})
        void objectsCreated_fromTheDecodedSample_rebuildsItsRecords(String sample) {
            List<S3EventNotificationRecord> originals = S3EventFixtures.load(sample).getRecords();
            List<CreatedObject> objects = originals.stream().map(r -> CreatedObject.of(
                    r.getS3().getBucket().getName(), URLDecoder.decode(r.getS3().getObject().getKey(), UTF_8),
                    r.getS3().getObject().geteTag(), r.getS3().getObject().getSizeAsLong(),
                    r.getS3().getObject().getVersionId())).toList();

            List<S3EventNotificationRecord> rebuilt = S3EventFixtures.objectsCreated(objects).getRecords();

            assertThat(rebuilt).hasSameSizeAs(originals);
            for (int i = 0; i < originals.size(); i++) {
                S3ObjectEntity original = originals.get(i).getS3().getObject();
                S3ObjectEntity copy = rebuilt.get(i).getS3().getObject();
                assertThat(URLDecoder.decode(copy.getKey(), UTF_8)).isEqualTo(objects.get(i).key());
                assertThat(copy.getUrlDecodedKey()).isEqualTo(original.getUrlDecodedKey());
                assertThat(copy.geteTag()).isEqualTo(original.geteTag());
                assertThat(copy.getSizeAsLong()).isEqualTo(original.getSizeAsLong());
                assertThat(copy.getVersionId()).isEqualTo(original.getVersionId());
                assertThat(rebuilt.get(i).getEventName()).isEqualTo(originals.get(i).getEventName());
            }
        }

        @Test
        void hostileKeys_encodeExactlyAsTheSampleWhereS3LeavesSlashesAlone() {
            List<String> sampleKeys = S3EventFixtures.load("object-created-hostile-keys.json").getRecords().stream()
                    .map(r -> r.getS3().getObject().getKey()).toList();
            List<String> decoded = sampleKeys.stream().map(key -> URLDecoder.decode(key, UTF_8)).toList();

            assertThat(decoded).containsExactly(
                    "raw/streams/june 2024/plays + extra=yes.csv",
                    "raw/streams/日本/écoute 100% 🎵.csv.gz",
                    "raw/streams/../../etc/passwd; DROP TABLE fact_streams;--.csv");
            assertThat(S3KeyEncoding.encode(decoded.get(0))).isEqualTo(sampleKeys.get(0));
            assertThat(S3KeyEncoding.encode(decoded.get(1))).isEqualTo(sampleKeys.get(1));
            // The sample escapes the traversal's slashes as %2F; S3 leaves every '/' alone. Both decode alike.
            assertThat(S3KeyEncoding.encode(decoded.get(2)))
                    .isEqualTo("raw/streams/../../etc/passwd%3B+DROP+TABLE+fact_streams%3B--.csv");
        }

        @Test
        void load_takesAnAbsoluteResourcePathToo() {
            assertThat(S3EventFixtures.load(S3EventFixtures.SAMPLES + "object-created-put.json").getRecords()).hasSize(1);
        }

        @Test
        void load_ofAMissingSample_namesWhereSamplesLive() {
            assertThatThrownBy(() -> S3EventFixtures.load("object-removed.json"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No S3 event sample /io/backbeat/events/s3/object-removed.json on the class path;"
                            + " samples live in events/src/main/resources/io/backbeat/events/s3/ and need"
                            + " backbeat-events as a dependency");
        }

        private static JsonNode sampleJson(String sample) throws Exception {
            try (InputStream in = S3EventFixturesTest.class.getResourceAsStream(S3EventFixtures.SAMPLES + sample)) {
                return JSON.readTree(in);
            }
        }

        private static String text(JsonNode node, String field) {
            return node.has(field) ? node.get(field).asText() : "";
        }
    }
}
