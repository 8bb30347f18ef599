package io.backbeat.functions.stage;

/**
 * What a handler did with one record of an S3 event; the handler returns one per record.
 *
 * @param object the object identity, {@code s3://bucket/key#version}
 * @param outcome one of {@link Kind}'s names
 * @param rowsIn rows read (0 unless processed)
 * @param rowsValid rows passed on (0 unless processed)
 * @param rowsRejected rows rejected (0 unless processed)
 * @param detail a sentence for logs: the file rejection, the skip reason or the error
 */
public record ObjectOutcome(String object, String outcome, long rowsIn, long rowsValid, long rowsRejected, String detail) {

    /** The possible outcomes. */
    public enum Kind {
        /** Processed now: every row valid or rejected. */
        PROCESSED,
        /** Processed now, and rejected as a whole. */
        REJECTED,
        /** An earlier delivery finished it; nothing done. */
        ALREADY_DONE,
        /** Another run holds the lease; the event will be retried. */
        BUSY,
        /** The object was overwritten or deleted before it was read. */
        SUPERSEDED,
        /** Not for this stage (a folder marker, or a key outside the stage's zone). */
        SKIPPED,
        /** The run broke; recorded in the ledger and retried. */
        FAILED
    }

    static ObjectOutcome of(String object, Kind kind, String detail) {
        return new ObjectOutcome(object, kind.name(), 0, 0, 0, detail);
    }

    static ObjectOutcome of(String object, StageResult result) {
        Kind kind = result.rejectedAsWhole() ? Kind.REJECTED : Kind.PROCESSED;
        String detail = result.rejectedAsWhole() ? result.fileRejection().code().code() + ": " + result.fileRejection().message() : null;
        return new ObjectOutcome(object, kind.name(), result.rowsIn(), result.rowsValid(), result.rowsRejected(), detail);
    }

    public Kind kind() {
        return Kind.valueOf(outcome);
    }
}
