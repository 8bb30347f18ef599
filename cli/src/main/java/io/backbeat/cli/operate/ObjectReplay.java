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

    /** What S3 copies in one request; a larger object would need a multipart copy, which replay does not do. */
    static final long MAX_SINGLE_COPY_BYTES = 5L << 30;

    /** @throws IllegalArgumentException when the object is too large to copy in one request */
    void replay(String key) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        if (head.contentLength() != null && head.contentLength() > MAX_SINGLE_COPY_BYTES) {
            throw new IllegalArgumentException(key + " holds " + head.contentLength() + " bytes, more than S3 copies in one"
                    + " request (5 GiB); upload the file again with 'backbeat upload' to run it again");
        }
        Map<String, String> metadata = new HashMap<>(head.metadata());
        metadata.put(REPLAYED_AT, Instant.now().toString());
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(head.contentType()));
    }
}
