package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What Backbeat must find in one generated file.
 *
 * @param validRows rows validation accepts, duplicates included
 * @param rejectedRows rows validation rejects, per reason (reasons with no row are left out)
 * @param duplicates valid rows that repeat an earlier row's natural key in the same file; transform drops
 *     them, leaving {@code validRows - duplicates} distinct rows
 * @param orphanPlays distinct valid plays of tracks songs.csv does not list (0 outside streams)
 */
public record ExpectedOutcome(long validRows, Map<ReasonCode, Long> rejectedRows, long duplicates, long orphanPlays) {

    public ExpectedOutcome {
        Objects.requireNonNull(rejectedRows, "rejectedRows must not be null");
        EnumMap<ReasonCode, Long> counts = new EnumMap<>(ReasonCode.class);
        rejectedRows.forEach((reason, count) -> {
            if (count != null && count > 0) {
                counts.put(reason, count);
            }
        });
        rejectedRows = Collections.unmodifiableMap(counts);
    }

    /** Rows rejected for {@code reason}, 0 when none. */
    public long rejected(ReasonCode reason) {
        return rejectedRows.getOrDefault(reason, 0L);
    }

    /** Rows rejected for any reason. */
    public long totalRejected() {
        return rejectedRows.values().stream().mapToLong(Long::longValue).sum();
    }
}
