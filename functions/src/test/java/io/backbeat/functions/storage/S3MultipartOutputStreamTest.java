package io.backbeat.functions.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.localcloud.cloud.LocalCloud;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

class S3MultipartOutputStreamTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private final S3Client s3 = CLOUD.s3Client();
    private final String bucket = CLOUD.createBucket("multipart");

    @Test
    void anObjectLargerThanOnePartIsUploadedInPartsAndReadsBackIdentical() throws Exception {
        byte[] content = new byte[S3MultipartOutputStream.FIRST_PART_SIZE * 2 + 12345];
        new Random(7).nextBytes(content);

        try (ObjectOutput out = new S3ObjectStore(s3, bucket).create("big.bin", "application/octet-stream")) {
            for (int offset = 0; offset < content.length; offset += 100_000) {
                out.write(content, offset, Math.min(100_000, content.length - offset));
            }
        }

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("big.bin")).asByteArray()).isEqualTo(content);
        assertThat(s3.headObject(r -> r.bucket(bucket).key("big.bin")).eTag()).endsWith("-3\"");
    }

    @Test
    void aSmallObjectIsOnePut() throws Exception {
        try (ObjectOutput out = new S3ObjectStore(s3, bucket).create("small.txt", "text/plain")) {
            out.write("hello".getBytes());
        }

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("small.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(s3.headObject(r -> r.bucket(bucket).key("small.txt")).eTag()).doesNotContain("-");
    }

    @Test
    void anAbortedOutputLeavesNeitherObjectNorUpload() throws Exception {
        byte[] chunk = new byte[1 << 20];
        new Random(3).nextBytes(chunk);
        ObjectOutput out = new S3ObjectStore(s3, bucket).create("aborted.bin", "application/octet-stream");
        for (int i = 0; i < 10; i++) {
            out.write(chunk);
        }

        out.abort();

        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        assertThat(exists("aborted.bin")).isFalse();
    }

    @Test
    void openingAnOverwrittenVersionIsReportedAsChanged() throws Exception {
        s3.putObject(r -> r.bucket(bucket).key("v.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("one"));
        String first = s3.headObject(r -> r.bucket(bucket).key("v.txt")).eTag();
        s3.putObject(r -> r.bucket(bucket).key("v.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("two"));

        var store = new S3ObjectStore(s3, bucket);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.open("v.txt", new ObjectVersion(null, first)))
                .isInstanceOf(ObjectChangedException.class)
                .hasMessageContaining("no longer the version etag=");
        try (var current = store.open("v.txt", ObjectVersion.ANY).content()) {
            assertThat(new String(current.readAllBytes())).isEqualTo("two");
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
