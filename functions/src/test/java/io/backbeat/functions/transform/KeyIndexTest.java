package io.backbeat.functions.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyIndexTest {

    @Test
    void agreesWithAHashMapOverAMillionKeysWithRepeats() {
        KeyIndex index = new KeyIndex();
        Map<String, Long> reference = new HashMap<>();
        Random random = new Random(11);
        for (long line = 0; line < 1_000_000; line++) {
            String key = random.nextInt(600_000) + "\u001f" + Long.toString(random.nextInt(3), 36);
            long expected = reference.containsKey(key) ? reference.get(key) : KeyIndex.ABSENT;
            reference.putIfAbsent(key, line);

            assertThat(add(index, key, line)).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo(reference.size());
        reference.forEach((key, line) -> assertThat(find(index, key)).isEqualTo(line));
        assertThat(find(index, "absent")).isEqualTo(KeyIndex.ABSENT);
    }

    @Test
    void longKeysSpreadOverManyArenaPagesAreAllFound() {
        KeyIndex index = new KeyIndex();
        int keys = 120_000; // about 25 MB of entries of uneven length: several pages, entries ending near page ends
        for (int i = 0; i < keys; i++) {
            assertThat(add(index, longKey(i), i)).isEqualTo(KeyIndex.ABSENT);
        }
        for (int i = 0; i < keys; i++) {
            assertThat(find(index, longKey(i))).isEqualTo(i);
        }
        assertThat(index.memoryBytes()).isGreaterThan(3L * (8 << 20));
    }

    @Test
    void anIndexBuiltOnAReleasedIndexsMemoryKnowsOnlyItsOwnKeys() {
        int keys = 120_000; // about 25 MB of entries: several arena pages, and a table large enough to be kept
        KeyIndex first = new KeyIndex();
        first.reserve(keys);
        for (int i = 0; i < keys; i++) {
            add(first, longKey(i), i);
        }
        long keptBefore = IndexMemory.keptBytes();
        first.release();
        long kept = IndexMemory.keptBytes();
        assertThat(kept - keptBefore).as("the released pages and table are kept").isGreaterThanOrEqualTo(3L << 23);

        KeyIndex second = new KeyIndex(); // takes the kept pages and table, old entries still in the pages
        second.reserve(keys);
        for (int i = 0; i < keys; i += 2) {
            assertThat(add(second, longKey(i), 1_000_000 + i)).as("key %d is new to the second index", i)
                    .isEqualTo(KeyIndex.ABSENT);
        }
        assertThat(IndexMemory.keptBytes()).as("the second index took kept memory").isLessThan(kept);
        for (int i = 0; i < keys; i++) {
            assertThat(find(second, longKey(i))).as("key %d", i).isEqualTo(i % 2 == 0 ? 1_000_000 + i : KeyIndex.ABSENT);
        }
        assertThat(second.size()).isEqualTo(keys / 2);
        second.release();
    }

    private static String longKey(int i) {
        return i + "|" + "x".repeat(150 + i % 97);
    }

    @Test
    void keysThatDifferOnlyInLengthOrLastCharAreDistinct() {
        KeyIndex index = new KeyIndex();

        assertThat(add(index, "abc", 1)).isEqualTo(KeyIndex.ABSENT);
        assertThat(add(index, "abcd", 2)).isEqualTo(KeyIndex.ABSENT);
        assertThat(add(index, "abd", 3)).isEqualTo(KeyIndex.ABSENT);
        assertThat(add(index, "", 4)).isEqualTo(KeyIndex.ABSENT);
        assertThat(add(index, "abc", 5)).isEqualTo(1);
        assertThat(add(index, "", 6)).isEqualTo(4);
    }

    @Test
    void keysOfEveryLengthAroundTheEightByteStepAreDistinctAndFound() {
        KeyIndex index = new KeyIndex();
        for (int length = 0; length <= 40; length++) {
            assertThat(add(index, "k".repeat(length), length)).isEqualTo(KeyIndex.ABSENT);
            assertThat(add(index, "k".repeat(length) + "\u00e9", 100 + length)).isEqualTo(KeyIndex.ABSENT);
        }
        for (int length = 0; length <= 40; length++) {
            assertThat(find(index, "k".repeat(length))).isEqualTo(length);
        }
    }

    private static long add(KeyIndex index, String key, long line) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return index.add(bytes, bytes.length, line);
    }

    private static long find(KeyIndex index, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return index.find(bytes, bytes.length);
    }
}
