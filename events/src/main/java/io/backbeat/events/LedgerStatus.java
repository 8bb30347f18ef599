package io.backbeat.events;

/** Where an object stands in one stage, as the ledger records it. */
public enum LedgerStatus {
    /** A run holds the lease and is working; retaken by another run once the lease expires. */
    IN_PROGRESS,
    /** Finished; every row is accounted for (some may have been rejected). */
    SUCCEEDED,
    /** Finished; the object was rejected as a whole (see the file rejection). */
    REJECTED,
    /** The run broke (an exception, not bad data); the next delivery retakes it. */
    FAILED,
    /** The object was overwritten or deleted before it could be read; its successor is processed instead. */
    SUPERSEDED,
    /**
     * KPI refresh only: the execution found another one refreshing, registered as pending on the refresh lease and
     * ended; the holder starts one successor that refreshes its dates (with those of every other pending load).
     */
    COALESCED;

    /** True when a redelivered event for this object and stage must do nothing. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == REJECTED || this == SUPERSEDED || this == COALESCED;
    }
}
