package io.backbeat.functions.stage;

import io.backbeat.events.FileRejectionCode;

/**
 * The object cannot be processed row by row (no header, missing columns, damaged compression, binary
 * content). Bad data, not a fault: the stage records the rejection and succeeds, and is never retried.
 */
public final class FileRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FileRejection rejection;

    public FileRejectedException(FileRejectionCode code, String message) {
        this(code, message, null);
    }

    public FileRejectedException(FileRejectionCode code, String message, Throwable cause) {
        super(code.code() + ": " + message, cause);
        this.rejection = new FileRejection(code, message);
    }

    public FileRejection rejection() {
        return rejection;
    }
}
