package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bad rows to add to one dataset: an exact count per rejection reason, plus exact duplicates of
 * earlier good rows. Duplicates are valid rows (transform drops them, validation does not), so they are
 * counted apart from rejections.
 *
 * <pre>{@code
 * ErrorInjection bad = ErrorInjection.none()
 *         .withRejected(ReasonCode.BAD_TRACK_ID, 5)
 *         .withRejected(ReasonCode.WRONG_FIELD_COUNT, 2)
 *         .withDuplicates(3);
 * }</pre>
 *
 * @param rejectedRows rows to add per reason validation must give; never {@code duplicate_key}
 * @param duplicates rows to add that repeat an earlier good row of the same file exactly
 */
public record ErrorInjection(Map<ReasonCode, Integer> rejectedRows, int duplicates) {
    private static final ErrorInjection NONE = new ErrorInjection(Map.of(), 0);

    public ErrorInjection {
        Objects.requireNonNull(rejectedRows, "rejectedRows must not be null");
        EnumMap<ReasonCode, Integer> counts = new EnumMap<>(ReasonCode.class);
        rejectedRows.forEach((reason, count) -> {
            Objects.requireNonNull(reason, "rejectedRows must not contain a null reason");
            if (reason == ReasonCode.DUPLICATE_KEY) {
                throw new IllegalArgumentException("rejectedRows must not contain duplicate_key: validation keeps"
                        + " duplicates and transform removes them; set duplicates instead");
            }
            if (count == null || count < 0) {
                throw new IllegalArgumentException(
                        "rejectedRows count for " + reason.code() + " must be zero or more, got " + count);
            }
            if (count > 0) {
                counts.put(reason, count);
            }
        });
        rejectedRows = Collections.unmodifiableMap(counts);
        if (duplicates < 0) {
            throw new IllegalArgumentException("duplicates must be zero or more, got " + duplicates);
        }
    }

    public static ErrorInjection none() {
        return NONE;
    }

    public static ErrorInjection of(Map<ReasonCode, Integer> rejectedRows, int duplicates) {
        return new ErrorInjection(rejectedRows, duplicates);
    }

    /** A copy that adds {@code count} rows rejected for {@code reason}, replacing any count it had. */
    public ErrorInjection withRejected(ReasonCode reason, int count) {
        EnumMap<ReasonCode, Integer> counts = new EnumMap<>(ReasonCode.class);
        counts.putAll(rejectedRows);
        counts.put(Objects.requireNonNull(reason, "reason must not be null"), count);
        return new ErrorInjection(counts, duplicates);
    }

    public ErrorInjection withDuplicates(int count) {
        return new ErrorInjection(rejectedRows, count);
    }
}
