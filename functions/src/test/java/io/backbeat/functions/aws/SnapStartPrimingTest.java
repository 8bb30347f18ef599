package io.backbeat.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void preloadClassLists_loadsPowertoolsMetricsClasses_skippingThoseThisJarCannotLink() {
        assertThat(SnapStartPriming.preloadClassLists()).as("classes of Powertools Metrics' classesloaded.txt").isGreaterThan(100);
    }

    @Test
    void prime_runsEveryPrimerInOrder_andReportsOneThatThrowsAnErrorWithoutFailing() {
        SnapStartPriming priming = SnapStartPriming.of("test")
                .with("linkage", () -> {
                    throw new NoClassDefFoundError("org/aspectj/lang/NoAspectBoundException");
                })
                .with("after", () -> {});

        assertThat(priming.prime()).containsExactly(entry("s3-event", "ok"), entry("jackson", "ok"),
                entry("linkage", "NoClassDefFoundError"), entry("after", "ok"));
    }

    @Test
    void beforeCheckpoint_primes() throws Exception {
        boolean[] ran = {false};
        SnapStartPriming.of("test").with("marker", () -> ran[0] = true).register().beforeCheckpoint(null);

        assertThat(ran[0]).isTrue();
    }
}
