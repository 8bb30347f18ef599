package io.backbeat.localcloud.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class LocalCloudS3Test {
    private static final int MB = 1024 * 1024;

    private final LocalCloud cloud = LocalCloud.shared();
    private final S3Client s3 = cloud.s3Client();
    private String bucket;

    @BeforeEach
    void freshBucket() {
        bucket = cloud.createBucket("s3-test");
    }

    @Test
    void createBucket_returnsFreshNameWithPrefixEachCall() {
        String other = cloud.createBucket("s3-test");

        assertThat(other).startsWith("s3-test-").isNotEqualTo(bucket);
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(bucket, other);
    }

    @Test
    void createBucket_rejectsPrefixS3WouldRefuse() {
        assertThatThrownBy(() -> cloud.createBucket("Landing_Zone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket prefix 'Landing_Zone' must be lowercase letters, digits and '-',"
                        + " starting with a letter or digit, at most 50 characters");
    }

    @Test
    void s3Endpoint_isLoopback() {
        assertThat(cloud.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(cloud.s3Endpoint().getPort()).isPositive();
    }

    @Nested
    class SinglePut {
        @Test
        void headObject_reportsSizeAndQuotedMd5ETag() throws Exception {
            byte[] body = bytes(1000, 1);
            s3.putObject(b -> b.bucket(bucket).key("raw/streams/a.csv"), RequestBody.fromBytes(body));

            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("raw/streams/a.csv"));

            assertThat(head.contentLength()).isEqualTo(1000L);
            assertThat(head.eTag()).isEqualTo('"' + md5Hex(body) + '"');
        }

        @Test
        void getObject_returnsTheBytesPut() {
            byte[] body = bytes(5000, 2);
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromBytes(body));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray()).isEqualTo(body);
        }

        @Test
        void putObject_keepsKeysWithSpacesPlusSignsAndUnicode() {
            List<String> keys = List.of("raw/streams/june 2024/plays + extra=yes.csv",
                    "raw/streams/日本/écoute 100% 🎵.csv.gz", "raw/streams/a;b,c&d?e#f.csv");
            keys.forEach(key -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key)));

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                    .containsExactlyInAnyOrderElementsOf(keys);
            keys.forEach(key -> assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                    .isEqualTo(key));
        }
    }

    @Nested
    class IfMatch {
        @Test
        void getObject_withCurrentETag_returnsBody() {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v1"));
            String eTag = s3.headObject(b -> b.bucket(bucket).key("k")).eTag();

            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").ifMatch(eTag)).asUtf8String())
                    .isEqualTo("v1");
        }

        @Test
        void getObject_withStaleETag_failsWith412() {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v1"));
            String stale = s3.headObject(b -> b.bucket(bucket).key("k")).eTag();
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v2"));

            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").ifMatch(stale)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        }
    }

    @Nested
    class Multipart {
        @Test
        void twentyMegabyteUpload_roundTripsWithMultipartETag() throws Exception {
            byte[] body = bytes(20 * MB, 3);
            int[] partSizes = {8 * MB, 8 * MB, 4 * MB};
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.csv")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            ByteArrayOutputStream partMd5s = new ByteArrayOutputStream();
            int offset = 0;
            for (int i = 0; i < partSizes.length; i++) {
                byte[] part = Arrays.copyOfRange(body, offset, offset + partSizes[i]);
                offset += partSizes[i];
                int partNumber = i + 1;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key("big.csv").uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                partMd5s.write(MessageDigest.getInstance("MD5").digest(part));
            }

            String eTag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big.csv").uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts))).eTag();

            assertThat(eTag).isEqualTo('"' + md5Hex(partMd5s.toByteArray()) + "-3\"");
            assertThat(s3.headObject(b -> b.bucket(bucket).key("big.csv")).contentLength()).isEqualTo(20L * MB);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.csv")).asByteArray()).isEqualTo(body);
        }

        @Test
        void abortedUpload_leavesNoObjectAndForgetsTheUpload() {
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("gone.csv")).uploadId();
            s3.uploadPart(b -> b.bucket(bucket).key("gone.csv").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(bytes(5 * MB, 4)));

            s3.abortMultipartUpload(b -> b.bucket(bucket).key("gone.csv").uploadId(uploadId));

            assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("gone.csv")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Nested
    class ListAndDelete {
        @Test
        void listObjectsV2_pagesThroughAPrefix() {
            for (int i = 0; i < 5; i++) {
                String key = "raw/streams/" + i + ".csv";
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
            }
            s3.putObject(b -> b.bucket(bucket).key("raw/users/u.csv"), RequestBody.fromString("x"));

            ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket(bucket).prefix("raw/streams/").maxKeys(3));
            ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket(bucket).prefix("raw/streams/").maxKeys(3)
                    .continuationToken(first.nextContinuationToken()));

            assertThat(first.isTruncated()).isTrue();
            assertThat(first.contents()).extracting(S3Object::key)
                    .containsExactly("raw/streams/0.csv", "raw/streams/1.csv", "raw/streams/2.csv");
            assertThat(second.isTruncated()).isFalse();
            assertThat(second.contents()).extracting(S3Object::key)
                    .containsExactly("raw/streams/3.csv", "raw/streams/4.csv");
            assertThat(first.contents().getFirst().size()).isEqualTo(1L);
            assertThat(first.contents().getFirst().eTag()).isNotBlank();
        }

        @Test
        void listObjectsV2_withDelimiter_returnsCommonPrefixes() {
            s3.putObject(b -> b.bucket(bucket).key("raw/streams/a.csv"), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket(bucket).key("raw/users/b.csv"), RequestBody.fromString("x"));

            ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(bucket).prefix("raw/").delimiter("/"));

            assertThat(listing.commonPrefixes()).extracting(p -> p.prefix())
                    .containsExactly("raw/streams/", "raw/users/");
        }

        @Test
        void deleteObject_removesTheObject() {
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));

            s3.deleteObject(b -> b.bucket(bucket).key("k"));

            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")))
                    .isInstanceOf(NoSuchKeyException.class);
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        }
    }

    /** Where the local store differs from S3; see the LocalCloud Javadoc. A failure here means the gap closed. */
    @Nested
    class KnownGaps {
        @Test
        void keyWithEmptySegment_isListedNormalized() {
            s3.putObject(b -> b.bucket(bucket).key("a//b"), RequestBody.fromString("x"));

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                    .containsExactly("a/b");
        }

        @Test
        void bucketVersioning_isNotImplemented() {
            assertThatThrownBy(() -> s3.putBucketVersioning(
                            b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled"))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
