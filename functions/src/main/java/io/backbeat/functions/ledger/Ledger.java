package io.backbeat.functions.ledger;

import io.backbeat.events.Dataset;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.functions.stage.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Records, per object version and stage, who is working on it and what came of it, so that each
 * stage runs once per object however often S3 delivers the event.
 */
public interface Ledger {

    /**
     * Takes the lease on (object, stage) unless a run finished it or holds an unexpired lease. A failed
     * run or an expired lease (the run crashed) is retaken.
     */
    StageLease takeLease(ObjectRef object, Stage stage, Dataset dataset, Instant now, Duration lease);

    /**
     * Records the outcome; false when the lease was lost meanwhile (another run retook the object after
     * the lease expired, and its outcome stands).
     */
    boolean complete(StageLease.Acquired lease, LedgerStatus status, StageResult result, Instant now);

    /** Records that the run broke; the next delivery retakes the object. */
    void fail(StageLease.Acquired lease, String error, Instant now);

    /** The current entry, for status reports and tests. */
    Optional<LedgerItem> find(ObjectRef object, Stage stage);
}
