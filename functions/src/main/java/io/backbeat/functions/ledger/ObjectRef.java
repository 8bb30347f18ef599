package io.backbeat.functions.ledger;

import io.backbeat.functions.storage.ObjectVersion;
import java.util.Objects;

/**
 * One version of one S3 object: the identity the ledger keys on, so a re-upload of the same key (a new
 * version or ETag) is processed again while a redelivered event for the same version is not.
 */
public record ObjectRef(String bucket, String key, ObjectVersion version) {
    public ObjectRef {
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(version, "version must not be null");
    }

    /** The ledger's partition key: {@code s3://bucket/key#v=version} or {@code #etag=...}. */
    public String id() {
        return "s3://" + bucket + "/" + key + "#" + version.identity();
    }
}
