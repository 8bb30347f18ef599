package io.backbeat.cli.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What validation did to one dataset during a run.
 *
 * @param dataset       the dataset name ({@code users}, {@code songs}, {@code streams})
 * @param files         files received
 * @param filesRejected files rejected whole (structural failures)
 * @param rowsIn        rows read
 * @param rowsValid     rows that passed validation
 * @param rowsRejected  rows rejected
 * @param rejectReasons rows rejected per reason code (for example {@code bad_timestamp}), in display order
 * @throws IllegalArgumentException when a count is negative, {@code filesRejected > files} or the dataset is blank
 * @throws NullPointerException     when the dataset, the map, a reason or a reason's count is null
 */
public record DatasetQuality(String dataset, long files, long filesRejected, long rowsIn, long rowsValid,
                             long rowsRejected, Map<String, Long> rejectReasons) {
    public DatasetQuality {
        Objects.requireNonNull(dataset, "dataset must not be null");
        if (dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must not be blank");
        }
        requireNotNegative("files", files);
        requireNotNegative("filesRejected", filesRejected);
        requireNotNegative("rowsIn", rowsIn);
        requireNotNegative("rowsValid", rowsValid);
        requireNotNegative("rowsRejected", rowsRejected);
        if (filesRejected > files) {
            throw new IllegalArgumentException("filesRejected must not exceed files, got " + filesRejected + " > " + files
                    + " for dataset " + dataset);
        }
        Objects.requireNonNull(rejectReasons, "rejectReasons must not be null");
        Map<String, Long> reasons = new LinkedHashMap<>();
        rejectReasons.forEach((reason, rows) -> {
            Objects.requireNonNull(reason, "rejectReasons must not hold a null reason");
            Objects.requireNonNull(rows, "rejectReasons must not hold a null count, reason " + reason);
            requireNotNegative("rejectReasons[" + reason + "]", rows);
            reasons.put(reason, rows);
        });
        rejectReasons = Collections.unmodifiableMap(reasons);
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
