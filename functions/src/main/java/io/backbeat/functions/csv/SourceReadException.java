package io.backbeat.functions.csv;

import java.io.IOException;

/**
 * Reading the stored bytes failed (network, storage). Marked apart from decompression errors, which
 * mean bad data: this one is transient, so the stage fails and the event is retried.
 */
public final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceReadException(String message, IOException cause) {
        super(message, cause);
    }
}
