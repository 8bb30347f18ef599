package io.backbeat.functions.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StagedRecordTest {

    @Test
    void aKeyTakenFromTheLinesStartIsEqualExactlyWhenTheKeyValuesAreEqual() {
        long seed = System.nanoTime();
        System.out.println("StagedRecordTest seed " + seed);
        Random random = new Random(seed);
        // Values from an alphabet of CSV's specials, so that quoting, doubled quotes and separators inside values meet.
        String[] alphabet = {"a", "b", ",", "\"", "\n", "\r", "1"};
        Map<String, List<String>> tupleOfKey = new HashMap<>();
        Set<List<String>> tuples = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            List<String> tuple = new ArrayList<>();
            int parts = 2 + random.nextInt(2);
            for (int p = 0; p < parts; p++) {
                StringBuilder value = new StringBuilder();
                for (int n = random.nextInt(4); n > 0; n--) {
                    value.append(alphabet[random.nextInt(alphabet.length)]);
                }
                tuple.add(value.toString());
            }
            tuples.add(tuple);
            String key = keyInLine(tuple, "2024-01-01");
            List<String> earlier = tupleOfKey.putIfAbsent(key, tuple);
            if (earlier != null) {
                assertThat(tuple).as("tuples with the key %s (seed %d)", key, seed).isEqualTo(earlier);
            }
        }
        // One key per distinct tuple: equal tuples never got two different keys.
        assertThat(tupleOfKey).hasSize(tuples.size());
    }

    @Test
    void valuesThatDifferOnlyInWhereTheCommaFallsGiveDifferentKeys() {
        assertThat(keyInLine(List.of("a,b", "c"), "x")).isNotEqualTo(keyInLine(List.of("a", "b,c"), "x"));
        assertThat(keyInLine(List.of("a\"", "b"), "x")).isNotEqualTo(keyInLine(List.of("a", "\"b"), "x"));
        assertThat(keyInLine(List.of("", "a"), "x")).isNotEqualTo(keyInLine(List.of("a", ""), "x"));
        assertThat(keyInLine(List.of("a", "b"), "x")).isEqualTo(keyInLine(List.of("a", "b"), "y"));
    }

    @Test
    void theKeyIsTheLinesStartAndTheLineStaysWhole() {
        StagedRecord record = new StagedRecord();
        record.reset();
        field(record, "42");
        field(record, "a,b");
        record.keyIsLineSoFar();
        field(record, "2024-01-01");
        record.endLine();

        assertThat(new String(record.line(), 0, record.lineLength(), StandardCharsets.UTF_8))
                .isEqualTo("42,\"a,b\",2024-01-01\n");
        assertThat(new String(record.key(), 0, record.keyLength(), StandardCharsets.UTF_8)).isEqualTo("42,\"a,b\"");
    }

    @Test
    void theKeyLeadsTheRowOnlyWhenItsColumnsAreTheFirstOnesInOrder() {
        assertThat(TransformStage.keyLeadsUpTo(new int[] {0, 1, 2})).isEqualTo(2);
        assertThat(TransformStage.keyLeadsUpTo(new int[] {0})).isEqualTo(0);
        assertThat(TransformStage.keyLeadsUpTo(new int[] {1, 0})).isEqualTo(-1);
        assertThat(TransformStage.keyLeadsUpTo(new int[] {0, 2})).isEqualTo(-1);
        assertThat(TransformStage.keyLeadsUpTo(new int[] {3})).isEqualTo(-1);
    }

    /** The key of a row whose key columns are {@code tuple} followed by one more column. */
    private static String keyInLine(List<String> tuple, String after) {
        StagedRecord record = new StagedRecord();
        record.reset();
        for (String value : tuple) {
            field(record, value);
        }
        record.keyIsLineSoFar();
        field(record, after);
        record.endLine();
        return new String(Arrays.copyOf(record.key(), record.keyLength()), StandardCharsets.UTF_8);
    }

    private static void field(StagedRecord record, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        record.field(bytes, 0, bytes.length);
    }
}
