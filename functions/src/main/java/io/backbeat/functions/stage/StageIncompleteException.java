package io.backbeat.functions.stage;

import java.util.List;

/**
 * Thrown after every record of an event was tried, when some could not be finished (busy elsewhere, or
 * failed): Lambda then retries the event, and records already finished are skipped by the ledger.
 */
public final class StageIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ObjectOutcome> outcomes;

    StageIncompleteException(String stage, List<ObjectOutcome> outcomes) {
        super(stage + " did not finish " + outcomes.stream().filter(StageIncompleteException::unfinished).count()
                + " of " + outcomes.size() + " objects, so the event will be retried: "
                + String.join("; ", outcomes.stream().filter(StageIncompleteException::unfinished)
                        .map(o -> o.object() + " " + o.outcome() + (o.detail() == null ? "" : " (" + o.detail() + ")"))
                        .toList()));
        this.outcomes = List.copyOf(outcomes);
    }

    static boolean unfinished(ObjectOutcome outcome) {
        return outcome.kind() == ObjectOutcome.Kind.BUSY || outcome.kind() == ObjectOutcome.Kind.FAILED;
    }

    public List<ObjectOutcome> outcomes() {
        return outcomes;
    }
}
