package io.backbeat.cli.operate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Starts an object's stage again by copying the object onto itself: S3 refuses a copy onto itself
 * that changes nothing, so the copy replaces the metadata with the same entries plus
 * {@code backbeat-replayed-at}, keeping the content type and the bytes.
 */
final class ObjectReplay {
    static final String REPLAYED_AT = "backbeat-replayed-at";

    private final S3Client s3;
    private final String bucket;

    ObjectReplay(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    void replay(String key) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        Map<String, String> metadata = new HashMap<>(head.metadata());
        metadata.put(REPLAYED_AT, Instant.now().toString());
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(head.contentType()));
    }
}
