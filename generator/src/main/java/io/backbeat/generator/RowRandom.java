package io.backbeat.generator;

/**
 * SplitMix64 random numbers, restarted for every row from (seed, salt, row index). A row therefore never
 * depends on the rows written before it: a duplicate can copy row 123 by regenerating it, an injected row
 * does not shift the good rows after it, and the output is the same on every JVM (values come from integer
 * arithmetic, IEEE doubles, which Java evaluates strictly, and {@link StrictMath}, never {@link Math#exp}).
 */
final class RowRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long key;
    private long state;

    RowRandom(long seed, long salt) {
        this.key = mix(mix(seed) ^ salt);
    }

    /** Restarts the sequence for one row and returns this generator. */
    RowRandom at(long index) {
        state = mix(key + index * GOLDEN_GAMMA);
        return this;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; the modulo bias is below 2^-40 for the bounds used here. */
    long nextLong(long bound) {
        return Long.remainderUnsigned(nextLong(), bound);
    }

    int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    /** The SplitMix64 finalizer: a bijection on 64-bit values, so distinct inputs give distinct outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
