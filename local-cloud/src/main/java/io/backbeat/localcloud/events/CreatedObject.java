package io.backbeat.localcloud.events;

import java.util.Objects;

/**
 * One object of an {@code ObjectCreated} event, as a handler will see it after URL-decoding.
 *
 * @param bucket the bucket name
 * @param key the object key, not encoded
 * @param eTag the ETag without quotes; the quotes that HeadObject and PutObject return are removed
 * @param size the object size in bytes
 * @param versionId the version id, or null for an unversioned bucket; an empty one, which is how the
 *     Lambda runtime reads a missing version id, becomes null
 */
public record CreatedObject(String bucket, String key, String eTag, long size, String versionId) {
    public CreatedObject {
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(eTag, "eTag must not be null");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket must not be empty");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (versionId != null && versionId.isEmpty()) {
            versionId = null;
        }
        if (eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            eTag = eTag.substring(1, eTag.length() - 1);
        }
    }

    /** An object of an unversioned bucket. */
    public static CreatedObject of(String bucket, String key, String eTag, long size) {
        return new CreatedObject(bucket, key, eTag, size, null);
    }

    /** An object of a versioned bucket. */
    public static CreatedObject of(String bucket, String key, String eTag, long size, String versionId) {
        return new CreatedObject(bucket, key, eTag, size, versionId);
    }

    /** True for the ETag of a multipart upload ({@code md5-of-part-md5s-N}), which S3 reports as CompleteMultipartUpload. */
    boolean isMultipart() {
        return eTag.matches(".*-\\d+");
    }
}
