package io.backbeat.functions.extract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rate-limit state of a run: after an HTTP 429 nobody sends until the {@code Retry-After} time has
 * passed, so a 429 slows every request of the run, not only the one that got it. The wait is never shorter
 * than the API asked for (https://developer.spotify.com/documentation/web-api/concepts/rate-limits).
 */
final class RateLimit {
    /** The wait when a 429 carries no usable {@code Retry-After}; also the shortest wait, so a 429 never spins. */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    static final Duration WAIT_WITHOUT_HEADER = Duration.ofSeconds(5);

    private final Clock clock;
    private final Sleeper sleeper;
    private Instant pausedUntil = Instant.MIN;

    RateLimit(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
    }

    /** Nobody sends before {@code wait} from now (a longer pause already in force stays). */
    synchronized void pause(Duration wait) {
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /**
     * Waits until no pause is in force.
     *
     * @return false, without waiting, when the pause lasts past {@code deadline}
     */
    boolean awaitClearance(Instant deadline, ExtractionProgress progress) throws InterruptedException {
        while (true) {
            Instant until;
            synchronized (this) {
                until = pausedUntil;
            }
            Instant now = clock.instant();
            if (!now.isBefore(until)) {
                return true;
            }
            if (until.isAfter(deadline)) {
                return false;
            }
            Duration wait = Duration.between(now, until);
            progress.rateLimited(wait);
            sleeper.sleep(wait);
        }
    }

    /**
     * The wait a 429 asks for: {@code Retry-After} in seconds (what the API sends) or as an HTTP date (RFC 9110
     * section 10.2.3), at least {@link #SHORTEST_WAIT}; {@link #WAIT_WITHOUT_HEADER} when missing or unreadable.
     */
    static Duration retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return WAIT_WITHOUT_HEADER;
        }
        String value = header.get().strip();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return WAIT_WITHOUT_HEADER;
            }
        }
        return wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait;
    }
}
