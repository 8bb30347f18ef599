package io.backbeat.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.functions.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final Instant NOW = Instant.parse("2026-12-03T04:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> sleeps = new ArrayList<>();
    private final RateLimit rateLimit = new RateLimit(clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    @Test
    void aPause_holdsEveryCallerUntilItEnds() throws Exception {
        rateLimit.pause(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(3));

        assertThat(rateLimit.awaitClearance(Instant.MAX, ExtractionProgress.NONE)).isTrue();
        assertThat(rateLimit.awaitClearance(Instant.MAX, ExtractionProgress.NONE)).isTrue();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(clock.instant()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void aShorterPause_doesNotShortenALongerOne() throws Exception {
        rateLimit.pause(Duration.ofSeconds(30));
        rateLimit.pause(Duration.ofSeconds(2));

        rateLimit.awaitClearance(Instant.MAX, ExtractionProgress.NONE);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aPausePastTheDeadline_isNotWaited() throws Exception {
        rateLimit.pause(Duration.ofMinutes(5));

        assertThat(rateLimit.awaitClearance(NOW.plusSeconds(60), ExtractionProgress.NONE)).isFalse();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theWait_isToldToTheProgress() throws Exception {
        List<Duration> told = new ArrayList<>();
        rateLimit.pause(Duration.ofSeconds(4));

        rateLimit.awaitClearance(Instant.MAX, new ExtractionProgress() {
            @Override
            public void artistFinished(int finished, int total) {}

            @Override
            public void rateLimited(Duration wait) {
                told.add(wait);
            }
        });

        assertThat(told).containsExactly(Duration.ofSeconds(4));
    }

    @Nested
    class RetryAfter {

        @Test
        void seconds_areTakenAsTheyAre() {
            assertThat(RateLimit.retryAfter(Optional.of("7"), NOW)).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void anHttpDate_isTheTimeUntilThen() {
            assertThat(RateLimit.retryAfter(Optional.of("Thu, 03 Dec 2026 04:01:30 GMT"), NOW)).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void zero_isTheShortestWait() {
            assertThat(RateLimit.retryAfter(Optional.of("0"), NOW)).isEqualTo(RateLimit.SHORTEST_WAIT);
        }

        @Test
        void noneOrUnreadable_isTheDefaultWait() {
            assertThat(RateLimit.retryAfter(Optional.empty(), NOW)).isEqualTo(RateLimit.WAIT_WITHOUT_HEADER);
            assertThat(RateLimit.retryAfter(Optional.of("soon"), NOW)).isEqualTo(RateLimit.WAIT_WITHOUT_HEADER);
        }
    }
}
