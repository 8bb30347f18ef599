package io.backbeat.localcloud.redshift;

/** The local Redshift could not start or stop; the message names the part and how to fix it. */
public final class LocalRedshiftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalRedshiftException(String message, Throwable cause) {
        super(message, cause);
    }
}
