package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the injected rows of a dataset go: in a seeded order so reasons interleave, dealt round-robin to
 * the dataset's files, then spaced evenly among each file's good rows. Never before a file's first good
 * row, so a duplicate always has an original before it.
 */
final class InjectionPlan {
    private InjectionPlan() {}

    /** One list per file, each sorted by {@link Injection#afterGoodRows()}. */
    static List<List<Injection>> spread(ErrorInjection injection, long[] goodRowsPerFile, RowRandom random) {
        List<ReasonCode> reasons = new ArrayList<>();
        List<Integer> ordinals = new ArrayList<>();
        injection.rejectedRows().forEach((reason, count) -> add(reason, count, reasons, ordinals));
        add(ReasonCode.DUPLICATE_KEY, injection.duplicates(), reasons, ordinals);

        int[] order = shuffled(reasons.size(), random);
        int files = goodRowsPerFile.length;
        List<List<Integer>> dealt = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            dealt.add(new ArrayList<>());
        }
        for (int spare = 0; spare < order.length; spare++) {
            dealt.get(spare % files).add(spare);
        }

        List<List<Injection>> plan = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            List<Integer> spares = dealt.get(file);
            long goodRows = goodRowsPerFile[file];
            List<Injection> placed = new ArrayList<>(spares.size());
            for (int m = 0; m < spares.size(); m++) {
                int spare = spares.get(m);
                long after = goodRows == 0
                        ? 0
                        : Math.max(1, Math.multiplyExact(m + 1L, goodRows) / (spares.size() + 1));
                int entry = order[spare];
                placed.add(new Injection(reasons.get(entry), ordinals.get(entry), spare, after));
            }
            plan.add(Collections.unmodifiableList(placed));
        }
        return plan;
    }

    private static void add(ReasonCode reason, int count, List<ReasonCode> reasons, List<Integer> ordinals) {
        for (int ordinal = 0; ordinal < count; ordinal++) {
            reasons.add(reason);
            ordinals.add(ordinal);
        }
    }

    private static int[] shuffled(int size, RowRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
