package io.backbeat.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceiling_doublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(10, Duration.ofMillis(500), Duration.ofSeconds(5), new SplittableRandom(1));

        assertThat(java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(backoff::ceiling)).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void delay_isSpreadOverZeroToTheCeiling() {
        Backoff backoff = new Backoff(5, Duration.ofMillis(1000), Duration.ofSeconds(8), new SplittableRandom(CatalogExtractionTest.SEED));

        long below = 0;
        for (int i = 0; i < 2000; i++) {
            Duration delay = backoff.delay(3);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            below += delay.compareTo(Duration.ofSeconds(2)) < 0 ? 1 : 0;
        }
        assertThat(below).as("full jitter: about half below the middle (seed %d)", CatalogExtractionTest.SEED)
                .isBetween(800L, 1200L);
    }

    @Test
    void aHugeFailureCount_doesNotOverflow() {
        Backoff backoff = Backoff.withDefaults(new SplittableRandom(1));

        assertThat(backoff.ceiling(1_000)).isEqualTo(Backoff.DEFAULT_CAP);
    }

    @Test
    void noAttempt_isRefused() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofSeconds(1), Duration.ofSeconds(2), new SplittableRandom()))
                .hasMessage("maxAttempts must be at least 1, got 0");
    }
}
