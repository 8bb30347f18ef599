package io.backbeat.functions.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

            assertThat(index.add(key, line)).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo(reference.size());
        reference.forEach((key, line) -> assertThat(index.find(key)).isEqualTo(line));
        assertThat(index.find("absent")).isEqualTo(KeyIndex.ABSENT);
    }

    @Test
    void keysThatDifferOnlyInLengthOrLastCharAreDistinct() {
        KeyIndex index = new KeyIndex();

        assertThat(index.add("abc", 1)).isEqualTo(KeyIndex.ABSENT);
        assertThat(index.add("abcd", 2)).isEqualTo(KeyIndex.ABSENT);
        assertThat(index.add("abd", 3)).isEqualTo(KeyIndex.ABSENT);
        assertThat(index.add("", 4)).isEqualTo(KeyIndex.ABSENT);
        assertThat(index.add("abc", 5)).isEqualTo(1);
        assertThat(index.add("", 6)).isEqualTo(4);
    }

    @Test
    void refusesNonAsciiKeysRatherThanConfuseThem() {
        assertThatThrownBy(() -> new KeyIndex().add("é", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASCII");
    }
}
