package io.backbeat.localcloud.cloud;

import io.backbeat.localcloud.events.CreatedObject;
import java.io.InputStream;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3's ObjectCreated notifications for the local S3: every object stored (PutObject,
 * CompleteMultipartUpload, CopyObject), whoever sent the request, is reported once it is stored, with
 * its ETag. Server-side, so an upload from another process (a user's {@code backbeat upload --local},
 * the AWS CLI) drives the local pipeline exactly as the functions' own writes do.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    /** S3Proxy stores a stub object of its own for every multipart upload: bookkeeping, not an upload. */
    private static final String S3PROXY_INTERNAL_PREFIX = ".s3proxy-";

    private final Consumer<CreatedObject> created;

    NotifyingBlobStore(BlobStore delegate, Consumer<CreatedObject> created) {
        super(delegate);
        this.created = created;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (request.key().startsWith(S3PROXY_INTERNAL_PREFIX)) {
            return response;
        }
        created.accept(CreatedObject.of(request.bucket(), request.key(), unquoted(response.eTag()),
                request.contentLength() == null ? 0 : request.contentLength()));
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created.accept(CreatedObject.of(request.bucket(), request.key(), unquoted(response.eTag()), 0));
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created.accept(CreatedObject.of(request.destinationBucket(), request.destinationKey(),
                unquoted(response.copyObjectResult().eTag()), 0));
        return response;
    }

    private static String unquoted(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }
}
