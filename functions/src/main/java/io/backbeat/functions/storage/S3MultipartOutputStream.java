package io.backbeat.functions.storage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams an object of unknown length to S3 in constant memory: one part buffer, uploaded as a
 * multipart upload once it fills, or as a single PutObject if it never does. The synchronous SDK client
 * has no such stream (the transfer manager needs the async client and its Netty or CRT stack, which we
 * keep out of the functions for cold-start size).
 *
 * <p>Encryption is the bucket's default (the stack configures it), so requests carry no SSE headers.
 *
 * <p>Parts start at 8 MiB and double every 1,000 parts, so the 10,000-part limit of S3 is never reached
 * below 5 TB.
 */
final class S3MultipartOutputStream extends ObjectOutput {
    static final int FIRST_PART_SIZE = 8 * 1024 * 1024;
    private static final int PARTS_PER_SIZE_STEP = 1000;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[FIRST_PART_SIZE];
    private int filled;
    private long written;
    private String uploadId;
    private boolean finished;

    S3MultipartOutputStream(S3Client s3, String bucket, String key, String contentType) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        requireOpen();
        while (length > 0) {
            if (filled == buffer.length) {
                uploadPart();
            }
            int chunk = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, chunk);
            filled += chunk;
            offset += chunk;
            length -= chunk;
            written += chunk;
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), bufferedBody());
            } else {
                if (filled > 0) {
                    uploadPart();
                }
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            finished = true;
        } catch (RuntimeException e) {
            abort();
            throw e;
        } finally {
            buffer = null;
        }
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        buffer = null;
        if (uploadId != null) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType))
                    .uploadId();
        }
        int partNumber = parts.size() + 1;
        String eTag = s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber), bufferedBody())
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        filled = 0;
        if (partNumber % PARTS_PER_SIZE_STEP == 0) {
            buffer = new byte[buffer.length * 2];
        }
    }

    /** The filled part of the buffer, without a copy (the stream supports the mark/reset retries need). */
    private RequestBody bufferedBody() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("output " + key + " is already closed or aborted");
        }
    }
}
