package io.backbeat.functions.validate;

import io.backbeat.events.Dataset;
import io.backbeat.functions.quarantine.RejectedRow;
import java.io.IOException;
import java.util.List;

/**
 * Checks the lines of a JSON-lines object, one dataset's way: an event is one row; a catalogue response holds many
 * records, each a row. Every row of a line ends in exactly one of {@link Rows#valid} or {@link Rows#rejected}.
 */
sealed interface JsonLineValidator permits EventLineValidator, CatalogLineValidator {

    /** Where a line's rows go. */
    interface Rows {
        /** A valid row in the validated layout (source line first); the array may be reused after the call. */
        void valid(String[] row) throws IOException;

        void rejected(RejectedRow row) throws IOException;
    }

    /**
     * Checks one non-blank line.
     *
     * @param truncated whether the line was longer than the validator's {@link #maxLineBytes()} (only its start is given)
     */
    void check(long line, byte[] bytes, int length, boolean truncated, Rows rows) throws IOException;

    /** The longest line read whole. */
    int maxLineBytes();

    /** Fields outside the contract seen so far, reported as drift. */
    List<String> driftFields();

    /** Fields expected and dropped silently. */
    List<String> ignoredFields();

    static JsonLineValidator of(Dataset dataset) {
        return switch (dataset) {
            case EVENTS -> new EventLineValidator();
            case CATALOG -> new CatalogLineValidator();
            default -> throw new IllegalArgumentException(dataset.id() + " is not a JSON-lines dataset");
        };
    }
}
