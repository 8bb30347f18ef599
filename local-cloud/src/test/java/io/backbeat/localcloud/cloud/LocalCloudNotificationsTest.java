package io.backbeat.localcloud.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.localcloud.events.CreatedObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class LocalCloudNotificationsTest {

    @Test
    void everyObjectStoredByAnyClientIsReportedOnceWithItsETagAndReadsAreNot() {
        LocalCloud cloud = LocalCloud.shared();
        String bucket = cloud.createBucket("notify");
        List<CreatedObject> created = new CopyOnWriteArrayList<>();
        cloud.onObjectCreated(object -> {
            if (object.bucket().equals(bucket)) {
                created.add(object);
            }
        });
        // A client of its own, as another process (a user's upload) would have: nothing ties it to the listener.
        try (S3Client s3 = LocalClients.s3(cloud.s3Endpoint()).build()) {
            s3.putObject(r -> r.bucket(bucket).key("raw/streams/a.csv"), RequestBody.fromString("x"));
            String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key("validated/streams/a.csv.zst")).uploadId();
            String part = s3.uploadPart(r -> r.bucket(bucket).key("validated/streams/a.csv.zst").uploadId(upload).partNumber(1),
                    RequestBody.fromString("y")).eTag();
            s3.completeMultipartUpload(r -> r.bucket(bucket).key("validated/streams/a.csv.zst").uploadId(upload)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build())));
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("raw/streams/a.csv").destinationBucket(bucket)
                    .destinationKey("raw/streams/b.csv"));
            s3.headObject(r -> r.bucket(bucket).key("raw/streams/a.csv"));
            s3.getObjectAsBytes(r -> r.bucket(bucket).key("raw/streams/b.csv"));

            assertThat(created).extracting(CreatedObject::key)
                    .containsExactly("raw/streams/a.csv", "validated/streams/a.csv.zst", "raw/streams/b.csv");
            assertThat(created.get(0).eTag())
                    .isEqualTo(s3.headObject(r -> r.bucket(bucket).key("raw/streams/a.csv")).eTag().replace("\"", ""));
            assertThat(created.get(0).size()).isEqualTo(1);
            assertThat(created.get(1).eTag()).endsWith("-1");
            assertThat(created.get(2).eTag()).isEqualTo(created.get(0).eTag());
        }
    }
}
