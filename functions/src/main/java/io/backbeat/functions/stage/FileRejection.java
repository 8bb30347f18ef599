package io.backbeat.functions.stage;

import io.backbeat.events.FileRejectionCode;
import java.util.Objects;

/**
 * Why an object was rejected as a whole.
 *
 * @param code the stable code
 * @param message what is wrong, where, and how to fix it
 */
public record FileRejection(FileRejectionCode code, String message) {
    public FileRejection {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }
}
