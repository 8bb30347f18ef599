package io.backbeat.functions.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DuplicateFilterTest {

    /** Rows of two key columns drawn from a small space, so repeats are common; a third column varies. */
    private static List<String[]> rows(long seed, int count, int keySpace) {
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int key = random.nextInt(keySpace);
            rows.add(new String[] {"u" + key % 97, "t" + key / 97, "payload-" + i});
        }
        return rows;
    }

    private static String encoded(String[] row) {
        return String.join(",", row) + "\n";
    }

    @Property(tries = 60)
    void keepsExactlyTheFirstRowOfEachKeyWhateverTheMemoryBudget(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 0, max = 12000) int count,
            @ForAll @IntRange(min = 1, max = 5000) int keySpace,
            @ForAll @IntRange(min = 1, max = 400) int keyBudget) throws IOException {
        List<String[]> input = rows(seed, count, keySpace);
        Map<String, Long> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            firstLine.putIfAbsent(input.get(i)[0] + "|" + input.get(i)[1], (long) i + 2);
        }
        Map<Long, String> kept = new LinkedHashMap<>();
        Map<Long, Long> repeats = new LinkedHashMap<>();
        Path spill = Files.createTempDirectory("dedupe");

        try (DuplicateFilter filter = new DuplicateFilter(keyBudget, spill, new DuplicateFilter.Outcome() {
                    @Override
                    public void first(byte[] record, int length, long line) {
                        assertThat(kept.put(line, new String(record, 0, length, StandardCharsets.UTF_8))).isNull();
                    }

                    @Override
                    public void repeat(byte[] record, int length, long line, long first) {
                        assertThat(new String(record, 0, length, StandardCharsets.UTF_8))
                                .isEqualTo(encoded(input.get((int) line - 2)));
                        assertThat(repeats.put(line, first)).isNull();
                    }
                })) {
            // One record buffer for every row, as transform reuses it, with the previous rows' bytes left behind the
            // current record: the filter must copy what it keeps and read only the record's length.
            byte[] buffer = new byte[1024];
            java.util.Arrays.fill(buffer, (byte) '#');
            for (int i = 0; i < input.size(); i++) {
                String[] row = input.get(i);
                byte[] key = (row[0] + "\u001f" + row[1]).getBytes(StandardCharsets.UTF_8);
                byte[] record = encoded(row).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(record, 0, buffer, 0, record.length);
                filter.offer(key, key.length, buffer, record.length, i + 2, input.size() - i - 1);
            }
            filter.finish();
        }

        assertThat(kept.keySet()).containsExactlyInAnyOrderElementsOf(firstLine.values());
        assertThat(kept.size() + repeats.size()).isEqualTo(count);
        repeats.forEach((line, first) -> {
            String[] row = input.get((int) (line - 2));
            assertThat(first).isEqualTo(firstLine.get(row[0] + "|" + row[1]));
        });
        kept.forEach((line, record) -> assertThat(record).isEqualTo(encoded(input.get((int) (line - 2)))));
        try (var leftovers = Files.list(spill)) {
            assertThat(leftovers).isEmpty();
        }
        Files.delete(spill);
    }

    /**
     * Constant memory whatever the object's size: with the same budget, an object four and sixteen times larger holds
     * no larger an index; what does not fit goes to the spill files, and every key is still decided exactly.
     */
    @org.junit.jupiter.api.Test
    void theIndexStaysWithinItsBudgetForObjectsOfAnySize() throws IOException {
        long keyBudget = 2_000;
        List<Long> peaks = new ArrayList<>();
        for (int distinctKeys : new int[] {10_000, 40_000, 160_000}) {
            Path spill = Files.createTempDirectory("dedupe");
            long[] kept = new long[1];
            long spilled;
            try (DuplicateFilter filter = new DuplicateFilter(keyBudget, spill, new DuplicateFilter.Outcome() {
                        @Override
                        public void first(byte[] record, int length, long line) {
                            kept[0]++;
                        }

                        @Override
                        public void repeat(byte[] record, int length, long line, long first) {
                            throw new AssertionError("no key repeats in this input, line " + line);
                        }
                    })) {
                for (int i = 0; i < distinctKeys; i++) {
                    byte[] key = ("user-" + i + "\u001f4dBa8T7oDV9WvGr7kVS4Ez\u001f2024-06-25 23:30:00")
                            .getBytes(StandardCharsets.UTF_8);
                    filter.offer(key, key.length, key, key.length, i + 2, distinctKeys - i - 1);
                }
                filter.finish();
                spilled = filter.rowsSpilled();
                peaks.add(filter.peakIndexBytes());
            }
            Files.delete(spill);

            assertThat(kept[0]).isEqualTo(distinctKeys);
            assertThat(spilled).as("rows beyond the budget are spilled").isGreaterThanOrEqualTo(distinctKeys - keyBudget);
        }
        // 2,000 keys of 47 bytes: 57 bytes of arena each (one 64 KiB first page, then 8 MiB pages) and a table of at
        // most 4,096 slots of 8 bytes; the same bound for every size.
        assertThat(peaks).allSatisfy(peak -> assertThat(peak).isLessThanOrEqualTo((8L << 20) + 4096 * 8));
        assertThat(peaks.get(2)).isLessThanOrEqualTo(peaks.get(0));
    }
}
