package io.backbeat.functions.stage;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.Stage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one stage did with one object; the ledger records it and {@code backbeat check} prints it.
 * Every row is accounted for: {@code rowsIn == rowsValid + rowsRejected}. When the object was rejected
 * as a whole, {@code fileRejection} says why, {@code rowsValid} is 0 and every row read counts as
 * rejected.
 *
 * @param stage the stage that ran
 * @param dataset the dataset of the object
 * @param source where the input was read from
 * @param rowsIn data rows read (the header is not a row)
 * @param rowsValid rows passed on to the next zone
 * @param rowsRejected rows quarantined, or all rows read when the file was rejected
 * @param rejectsByReason quarantined rows per reason (empty for a file rejection)
 * @param fileRejection why the whole object was rejected, or null
 * @param bytesIn stored bytes read
 * @param bytesOut bytes written to every output
 * @param outputs locations written, in order: next-zone object, rejects, report
 * @param driftColumns input columns the contract does not know, dropped
 * @param ignoredColumns known extra columns dropped without a warning
 * @param affectedDates listen dates whose KPIs this stage changed (load only), ascending
 */
public record StageResult(
        Stage stage,
        Dataset dataset,
        String source,
        long rowsIn,
        long rowsValid,
        long rowsRejected,
        Map<ReasonCode, Long> rejectsByReason,
        FileRejection fileRejection,
        long bytesIn,
        long bytesOut,
        List<String> outputs,
        List<String> driftColumns,
        List<String> ignoredColumns,
        List<String> affectedDates) {

    public StageResult {
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(dataset, "dataset must not be null");
        Objects.requireNonNull(source, "source must not be null");
        rejectsByReason = rejectsByReason.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejectsByReason));
        outputs = List.copyOf(outputs);
        driftColumns = List.copyOf(driftColumns);
        ignoredColumns = List.copyOf(ignoredColumns);
        affectedDates = List.copyOf(affectedDates);
        if (rowsIn != rowsValid + rowsRejected) {
            throw new IllegalArgumentException("rows do not add up for " + source + ": rows_in " + rowsIn
                    + " != rows_valid " + rowsValid + " + rows_rejected " + rowsRejected);
        }
        long tallied = rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        if (fileRejection == null && tallied != rowsRejected) {
            throw new IllegalArgumentException("rejections per reason (" + tallied + ") do not add up to rows_rejected "
                    + rowsRejected + " for " + source);
        }
    }

    public boolean rejectedAsWhole() {
        return fileRejection != null;
    }
}
