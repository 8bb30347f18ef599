package io.backbeat.functions.csv;

import io.backbeat.events.FileRejectionCode;
import java.io.IOException;

/** The object's compressed stream is damaged: the object is rejected as a whole, not retried. */
public final class CorruptInputException extends IOException {
    private static final long serialVersionUID = 1L;
    private final FileRejectionCode code;

    CorruptInputException(FileRejectionCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public FileRejectionCode code() {
        return code;
    }
}
