package io.backbeat.functions.quarantine;

import io.backbeat.events.ReasonCode;
import java.util.Objects;

/**
 * One rejected row, as written to the quarantine.
 *
 * @param line the row's first line in the raw object (the header is line 1)
 * @param column the contract column at fault, or null when the row as a whole is (wrong field count)
 * @param reason the stable reason code
 * @param message what is wrong and how to fix it
 * @param raw the row's fields as one RFC 4180 line
 */
public record RejectedRow(long line, String column, ReasonCode reason, String message, String raw) {
    public RejectedRow {
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(raw, "raw must not be null");
    }
}
