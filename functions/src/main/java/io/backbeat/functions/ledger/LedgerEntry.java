package io.backbeat.functions.ledger;

import io.backbeat.events.LedgerStatus;
import java.util.List;
import java.util.Map;

/**
 * A ledger item as read back.
 *
 * @param objectId the object identity ({@link ObjectRef#id()})
 * @param stage the stage id
 * @param status where the object stands
 * @param attempts how many runs took the lease
 * @param rowsIn data rows read, when finished
 * @param rowsValid rows passed on, when finished
 * @param rowsRejected rows rejected, when finished
 * @param rejectsByReason rejected rows per reason code
 * @param outputs locations written
 * @param fileRejection the file rejection code, or null
 * @param error the failure message of a FAILED run, or null
 * @param affectedDates listen dates whose KPIs a load changed
 */
public record LedgerEntry(
        String objectId,
        String stage,
        LedgerStatus status,
        long attempts,
        long rowsIn,
        long rowsValid,
        long rowsRejected,
        Map<String, Long> rejectsByReason,
        List<String> outputs,
        String fileRejection,
        String error,
        List<String> affectedDates) {}
