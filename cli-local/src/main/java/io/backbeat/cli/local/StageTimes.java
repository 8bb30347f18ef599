package io.backbeat.cli.local;

import io.backbeat.events.Stage;
import io.backbeat.functions.ledger.LedgerItem;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the time went, per stage, from the ledger: how many runs, their summed time and the longest
 * one. Stages overlap (two deliveries run at once, a refresh runs while the next file loads), so the
 * sums add up to more than the wall time; they say which stage costs the most.
 */
record StageTimes(List<StageTime> stages) {

    /** One stage's runs. */
    record StageTime(String stage, int runs, Duration total, Duration longest, String longestObject) {}

    static StageTimes of(List<LedgerItem> ledger) {
        return of(ledger, java.util.Map.of());
    }

    /**
     * @param refreshDurations how long each kpi-refresh execution ran, by refresh id, for runs whose ledger item
     *     has no usable times (a start and finish in the wrong order, or none)
     */
    static StageTimes of(List<LedgerItem> ledger, java.util.Map<String, Duration> refreshDurations) {
        List<StageTime> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            int runs = 0;
            Duration total = Duration.ZERO;
            Duration longest = Duration.ZERO;
            String longestObject = null;
            for (LedgerItem item : ledger) {
                if (!item.stage().equals(stage.id()) || !item.ended()) {
                    continue;
                }
                Duration took = duration(item);
                if (took.isZero() && item.refreshId() != null) {
                    took = refreshDurations.getOrDefault(item.refreshId(), Duration.ZERO);
                }
                runs++;
                total = total.plus(took);
                if (took.compareTo(longest) > 0) {
                    longest = took;
                    longestObject = item.key() != null ? item.key() : "refresh " + item.refreshId();
                }
            }
            if (runs > 0) {
                stages.add(new StageTime(stage.id(), runs, total, longest, longestObject));
            }
        }
        return new StageTimes(List.copyOf(stages));
    }

    Optional<StageTime> slowest() {
        return stages.stream().max(Comparator.comparing(StageTime::total));
    }

    /** The stage's own duration when it wrote one; else from its start and finish times (the state machine writes those). */
    private static Duration duration(LedgerItem item) {
        if (item.durationMs() > 0) {
            return Duration.ofMillis(item.durationMs());
        }
        if (item.startedAt() != null && item.finishedAt() != null) {
            try {
                Duration between = Duration.between(Instant.parse(item.startedAt()), Instant.parse(item.finishedAt()));
                return between.isNegative() ? Duration.ZERO : between;
            } catch (DateTimeParseException e) {
                return Duration.ZERO;
            }
        }
        return Duration.ZERO;
    }
}
