package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexPermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 64, 65, 1_000, 4_097, 100_003})
    void apply_hitsEveryIndexOnceAndInverseUndoesIt(long size) {
        IndexPermutation permutation = new IndexPermutation(size, 42);
        BitSet seen = new BitSet();
        for (long i = 0; i < size; i++) {
            long value = permutation.apply(i);
            assertThat(value).isBetween(0L, size - 1);
            seen.set((int) value);
            assertThat(permutation.inverse(value)).isEqualTo(i);
        }
        assertThat(seen.cardinality()).isEqualTo((int) size);
    }

    @Test
    void apply_withAnotherTweak_isAnotherPermutationOfTheSameDomain() {
        IndexPermutation permutation = new IndexPermutation(5_000, 3);
        BitSet seen = new BitSet();
        long moved = 0;
        for (long i = 0; i < 5_000; i++) {
            long value = permutation.apply(i, 17);
            seen.set((int) value);
            assertThat(permutation.inverse(value, 17)).isEqualTo(i);
            if (value != permutation.apply(i)) {
                moved++;
            }
        }
        assertThat(seen.cardinality()).isEqualTo(5_000);
        assertThat(moved).isGreaterThan(4_900);
    }

    @Test
    void apply_shufflesRatherThanShifts() {
        IndexPermutation permutation = new IndexPermutation(1_000_000, 7);
        long ascending = 0;
        for (long i = 0; i < 10_000; i++) {
            if (permutation.apply(i + 1) > permutation.apply(i)) {
                ascending++;
            }
        }
        assertThat(ascending).isBetween(4_500L, 5_500L);
    }

    @Test
    void apply_worksOnHugeDomains() {
        long size = 3_600L * 1_000_000_000L;
        IndexPermutation permutation = new IndexPermutation(size, 1);

        assertThat(permutation.inverse(permutation.apply(size - 1))).isEqualTo(size - 1);
    }

    @Test
    void apply_refusesIndexesOutsideTheDomain() {
        assertThatThrownBy(() -> new IndexPermutation(10, 1).apply(10))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 10 is outside [0, 10)");
    }
}
