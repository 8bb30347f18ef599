package io.backbeat.functions.ledger;

import io.backbeat.events.LedgerStatus;
import java.time.Instant;

/** The answer to "may this run process the object now?". */
public sealed interface StageLease {

    /** Yes: this run holds the lease until it records an outcome (or the lease expires). */
    record Acquired(ObjectRef object, String stage, String owner, Instant startedAt, long attempt) implements StageLease {}

    /** No: a run already finished this object and stage; a redelivered event does nothing. */
    record AlreadyDone(LedgerStatus status) implements StageLease {}

    /** Not yet: another run holds the lease; the event is retried later. */
    record Busy(Instant leaseExpiresAt) implements StageLease {}
}
