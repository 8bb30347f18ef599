package io.backbeat.generator;

/**
 * Popularity ranks {@code 0..size-1} where rank {@code r} is drawn with probability about
 * {@code 1 / ((r + 1) ln(size + 1))}: the continuous Zipf law with exponent 1, inverted in closed form so
 * a draw costs one {@code exp}. With 10,000 tracks the top 1% get about half of all plays.
 */
final class ZipfRanks {
    private final long size;
    private final double logSpan;

    ZipfRanks(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.size = size;
        this.logSpan = StrictMath.log(size + 1.0);
    }

    /** The rank for a uniform draw in {@code [0, 1)}. */
    long rank(double uniform) {
        long rank = (long) ExpTable.exp(uniform * logSpan) - 1;
        return Math.min(rank, size - 1);
    }
}
