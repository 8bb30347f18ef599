package io.backbeat.functions.extract;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delays between attempts after a server error (5xx) or a connection failure: exponential with full jitter, a
 * uniformly random delay between zero and {@code min(cap, base * 2^(failures - 1))}, so clients that failed
 * together do not retry together (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * At most {@link #maxAttempts()} attempts are made per request.
 */
final class Backoff {
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    static final Duration DEFAULT_CAP = Duration.ofSeconds(20);

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    /**
     * @param maxAttempts attempts per request, the first included
     * @param base the ceiling of the first delay
     * @param cap the largest ceiling
     * @param random the source of jitter (seeded in tests); used under a lock, so it need not be thread-safe
     */
    Backoff(int maxAttempts, Duration base, Duration cap, RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(base, "base must not be null");
        Objects.requireNonNull(cap, "cap must not be null");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("base must be positive and cap at least base, got base " + base + ", cap " + cap);
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.random = Objects.requireNonNull(random, "random must not be null");
    }

    static Backoff withDefaults(RandomGenerator random) {
        return new Backoff(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE, DEFAULT_CAP, random);
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The ceiling of the delay after the {@code failures}-th failure (1 for the first). */
    Duration ceiling(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        int doublings = Math.min(failures - 1, 30);
        long ceilingMillis = Math.min(cap.toMillis(), base.toMillis() << doublings);
        return Duration.ofMillis(ceilingMillis);
    }

    /** A random delay in {@code [0, ceiling(failures)]}. */
    Duration delay(int failures) {
        long bound = ceiling(failures).toMillis() + 1;
        long millis;
        synchronized (random) {
            millis = random.nextLong(bound);
        }
        return Duration.ofMillis(millis);
    }
}
