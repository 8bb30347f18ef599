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
}
