package io.backbeat.cli.operate;

import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One uploaded object's way through the pipeline, assembled from the ledger: its validate item (keyed
 * by the raw key), its transform item (the validated key) and its load item (the staged key). When an
 * object was uploaded more than once, the latest version's items are kept.
 */
record ObjectHistory(String rawKey, Map<Stage, LedgerItem> stages) {

    static final List<Stage> OBJECT_STAGES = List.of(Stage.VALIDATE, Stage.TRANSFORM, Stage.LOAD);

    /** Objects by raw key, the most recently started first. */
    static List<ObjectHistory> of(List<LedgerItem> ledger) {
        Map<String, Map<Stage, LedgerItem>> byRaw = new LinkedHashMap<>();
        for (LedgerItem item : ledger) {
            Optional<Stage> stage = OBJECT_STAGES.stream().filter(s -> s.id().equals(item.stage())).findFirst();
            Optional<String> raw = rawKeyOf(item.key());
            if (stage.isEmpty() || raw.isEmpty()) {
                continue;
            }
            byRaw.computeIfAbsent(raw.get(), k -> new EnumMap<>(Stage.class))
                    .merge(stage.get(), item, (kept, other) -> later(kept, other));
        }
        List<ObjectHistory> histories = new ArrayList<>();
        byRaw.forEach((raw, stages) -> histories.add(new ObjectHistory(raw, stages)));
        histories.sort(Comparator.comparing(ObjectHistory::started, Comparator.nullsLast(Comparator.reverseOrder())));
        return histories;
    }

    /** The earliest start among its stages (ISO-8601 text sorts in time order). */
    String started() {
        return stages.values().stream().map(LedgerItem::startedAt).filter(java.util.Objects::nonNull).min(String::compareTo)
                .orElse(null);
    }

    /** True when a stage failed, rejected the whole file, or is still marked in progress. */
    boolean troubled() {
        return stages.values().stream().anyMatch(item -> item.status() == LedgerStatus.FAILED
                || item.status() == LedgerStatus.REJECTED);
    }

    static Optional<String> rawKeyOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneKey.parse(key).raw().key());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static LedgerItem later(LedgerItem a, LedgerItem b) {
        if (a.startedAt() == null) {
            return b;
        }
        return b.startedAt() != null && b.startedAt().compareTo(a.startedAt()) > 0 ? b : a;
    }
}
