package io.backbeat.localcloud.cloud;

/** The local cloud could not start, stop or set something up; the message names the part and how to fix it. */
public final class LocalCloudException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalCloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
