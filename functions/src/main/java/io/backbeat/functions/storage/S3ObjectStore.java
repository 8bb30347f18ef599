package io.backbeat.functions.storage;

import java.util.Objects;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The landing bucket, through the synchronous S3 client. */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3 must not be null");
        this.bucket = Objects.requireNonNull(bucket, "bucket must not be null");
    }

    @Override
    public StoredObject open(String key, ObjectVersion version) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (version.versionId() != null) {
            request.versionId(version.versionId());
        } else if (version.eTag() != null) {
            request.ifMatch("\"" + version.eTag() + "\"");
        }
        try {
            ResponseInputStream<GetObjectResponse> response = s3.getObject(request.build());
            GetObjectResponse metadata = response.response();
            return new StoredObject(response, metadata.contentLength(), metadata.eTag());
        } catch (S3Exception e) {
            throw changedOr(e, key, version);
        }
    }

    @Override
    public StoredObjectInfo describe(String key, ObjectVersion version) {
        try {
            var head = s3.headObject(r -> {
                r.bucket(bucket).key(key);
                if (version.versionId() != null) {
                    r.versionId(version.versionId());
                } else if (version.eTag() != null) {
                    r.ifMatch("\"" + version.eTag() + "\"");
                }
            });
            return new StoredObjectInfo(head.contentLength(), head.eTag());
        } catch (S3Exception e) {
            throw changedOr(e, key, version);
        }
    }

    /**
     * The read's failure as the object having changed when S3 says so: 412 (If-Match failed, overwritten) or
     * 404 (no such key, or the version was deleted); any other failure as it is.
     */
    private RuntimeException changedOr(S3Exception e, String key, ObjectVersion version) {
        if (e instanceof NoSuchKeyException || e.statusCode() == 412 || e.statusCode() == 404) {
            return new ObjectChangedException(locate(key), version, e);
        }
        return e;
    }

    @Override
    public ObjectOutput create(String key, String contentType) {
        return new S3MultipartOutputStream(s3, bucket, key, contentType);
    }

    @Override
    public String locate(String key) {
        return "s3://" + bucket + "/" + key;
    }

    public String bucket() {
        return bucket;
    }
}
