package io.backbeat.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void get_makesTheValueOnFirstUseOnly() {
        AtomicInteger made = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> "client " + made.incrementAndGet());

        assertThat(lazy.isMade()).isFalse();
        assertThat(made).hasValue(0);
        assertThat(lazy.get()).isEqualTo("client 1");
        assertThat(lazy.get()).isEqualTo("client 1");
        assertThat(lazy.isMade()).isTrue();
        assertThat(made).hasValue(1);
    }

    @Test
    void get_triesAgainAfterTheFactoryThrew() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("endpoint not reachable");
            }
            return "client";
        });

        assertThatThrownBy(lazy::get).hasMessage("endpoint not reachable");
        assertThat(lazy.isMade()).isFalse();
        assertThat(lazy.get()).isEqualTo("client");
    }
}
