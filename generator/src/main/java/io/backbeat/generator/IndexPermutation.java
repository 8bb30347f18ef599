package io.backbeat.generator;

/**
 * A seeded shuffle of {@code [0, size)} computed one element at a time, without a table: a few invertible
 * add-multiply-xorshift rounds on the smallest power-of-two domain that holds {@code size}, with cycle
 * walking for values that land outside. It lets the generator spread rows over time slots and rank the
 * catalogue in constant memory.
 */
final class IndexPermutation {
    private static final int ROUNDS = 4;

    private final long size;
    private final int bits;
    private final long mask;
    private final int shift;
    private final long[] addends = new long[ROUNDS];
    private final long[] multipliers = new long[ROUNDS];
    private final long[] inverseMultipliers = new long[ROUNDS];

    IndexPermutation(long size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.size = size;
        this.bits = 64 - Long.numberOfLeadingZeros(size - 1);
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        this.shift = Math.max(1, (bits + 1) / 2);
        RowRandom random = new RowRandom(seed, 0x7065726dL).at(size);
        for (int round = 0; round < ROUNDS; round++) {
            addends[round] = random.nextLong();
            multipliers[round] = random.nextLong() | 1;
            inverseMultipliers[round] = inverseOf(multipliers[round]);
        }
    }

    long size() {
        return size;
    }

    long apply(long index) {
        return apply(index, 0);
    }

    /**
     * The element at {@code index} of the shuffle selected by {@code tweak}: each tweak gives another
     * permutation of the same domain, without another object (one per listening hour would add up).
     */
    long apply(long index, long tweak) {
        check(index);
        long offset = RowRandom.mix(tweak);
        long x = index;
        do {
            x = forward(x, offset);
        } while (x >= size);
        return x;
    }

    long inverse(long value) {
        return inverse(value, 0);
    }

    long inverse(long value, long tweak) {
        check(value);
        long offset = RowRandom.mix(tweak);
        long x = value;
        do {
            x = backward(x, offset);
        } while (x >= size);
        return x;
    }

    private long forward(long x, long offset) {
        for (int round = 0; round < ROUNDS; round++) {
            x = ((x + (addends[round] ^ offset)) * multipliers[round]) & mask;
            x ^= x >>> shift;
        }
        return x;
    }

    private long backward(long x, long offset) {
        for (int round = ROUNDS - 1; round >= 0; round--) {
            long y = x;
            for (int undone = shift; undone < bits; undone += shift) {
                y = x ^ (y >>> shift);
            }
            x = ((y * inverseMultipliers[round]) - (addends[round] ^ offset)) & mask;
        }
        return x;
    }

    private void check(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + size + ")");
        }
    }

    /** Inverse of an odd number modulo 2^64 by Newton's iteration (each step doubles the correct bits). */
    private static long inverseOf(long odd) {
        long inverse = odd;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
