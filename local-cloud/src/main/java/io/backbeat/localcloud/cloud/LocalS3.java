package io.backbeat.localcloud.cloud;

import io.backbeat.localcloud.events.CreatedObject;
import java.util.function.Consumer;
import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy on a loopback port, storing objects as files under one directory. The filesystem store,
 * not the transient one, because pipeline objects run to hundreds of megabytes and the transient
 * store keeps them on the heap.
 */
final class LocalS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final URI endpoint;

    private LocalS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Starts S3Proxy over {@code storage}, which must exist; any credentials are accepted. Every object
     * stored is reported to {@code created}, as S3 notifications would report it.
     */
    static LocalS3 start(Path storage, Consumer<CreatedObject> created) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new NotifyingBlobStore(new FilesystemNio2BlobStore(storage.toString()), created))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new LocalCloudException("S3Proxy did not start on 127.0.0.1 over " + storage
                    + "; check that the directory is writable and the cause below", e);
        }
        return new LocalS3(proxy);
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new LocalCloudException("S3Proxy at " + endpoint + " did not stop", e);
        }
    }
}
