package io.backbeat.functions.extract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the requests of a run retry: after a 429 the shared {@link RateLimit} holds every request for the
 * {@code Retry-After} time; after a 5xx or a connection failure the request waits a {@link Backoff} delay. Both are
 * bounded, and no wait may end past the run's deadline.
 */
final class Retries {
    /** 429 answers one request may get before it gives up. */
    static final int DEFAULT_MAX_RATE_LIMITED = 10;

    private final RateLimit rateLimit;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ExtractionCounters counters;
    private final ExtractionProgress progress;
    private final int maxRateLimited;

    Retries(RateLimit rateLimit, Backoff backoff, Sleeper sleeper, Clock clock, ExtractionCounters counters,
            ExtractionProgress progress, int maxRateLimited) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.progress = Objects.requireNonNull(progress, "progress must not be null");
        this.maxRateLimited = maxRateLimited;
    }

    /** The retry budget of one request. */
    Attempts start(String request, Instant deadline) {
        return new Attempts(request, deadline);
    }

    Clock clock() {
        return clock;
    }

    /** One request's attempts; every method throws {@link RequestFailedException} when the request must give up. */
    final class Attempts {
        private final String request;
        private final Instant deadline;
        private int transientFailures;
        private int rateLimited;

        private Attempts(String request, Instant deadline) {
            this.request = request;
            this.deadline = deadline;
        }

        /** Waits out a rate-limit pause, if one is in force, before sending. */
        void beforeAttempt() throws InterruptedException {
            if (!rateLimit.awaitClearance(deadline, progress)) {
                throw new RequestFailedException(request, 429, "rate limited until past the deadline " + deadline);
            }
        }

        /** A 429: every request of the run pauses for {@code retryAfter}, this one then retries. */
        void rateLimited(Duration retryAfter) {
            counters.retries429.incrementAndGet();
            rateLimited++;
            rateLimit.pause(retryAfter);
            if (rateLimited > maxRateLimited) {
                throw new RequestFailedException(request, 429, "HTTP 429 " + rateLimited + " times (Retry-After "
                        + retryAfter.toSeconds() + " s the last time)");
            }
        }

        /** A 5xx or a connection failure: waits the backoff delay, or gives up after the last attempt. */
        void transientFailure(int status, String reason) throws InterruptedException {
            transientFailures++;
            if (transientFailures >= backoff.maxAttempts()) {
                throw new RequestFailedException(request, status, reason + " (" + transientFailures + " attempts)");
            }
            Duration delay = backoff.delay(transientFailures);
            if (clock.instant().plus(delay).isAfter(deadline)) {
                throw new RequestFailedException(request, status, reason + " (no time left to retry before the deadline)");
            }
            counters.retriesTransient.incrementAndGet();
            sleeper.sleep(delay);
        }
    }
}
