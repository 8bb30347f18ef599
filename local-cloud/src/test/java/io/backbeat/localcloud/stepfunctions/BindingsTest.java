package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BindingsTest {
    @Test
    void defaults_shortenWaitsAndRetriesAndBindNothing() {
        Bindings bindings = Bindings.builder().build();

        assertThat(bindings.waitTime()).contains(Bindings.DEFAULT_SHORTENED_WAIT);
        assertThat(bindings.retryInterval()).contains(Bindings.DEFAULT_SHORTENED_WAIT);
        assertThat(bindings.redshiftDataEndpoint()).isEmpty();
        assertThat(bindings.dynamoDbEndpoint()).isEmpty();
        assertThat(bindings.functions()).isEmpty();
    }

    @Test
    void definedTimes_keepWhatTheDefinitionSays() {
        Bindings bindings = Bindings.builder().definedWaitTimes().definedRetryIntervals().build();

        assertThat(bindings.waitTime()).isEmpty();
        assertThat(bindings.retryInterval()).isEmpty();
    }

    @Test
    void functionBoundByArn_isKeyedByItsName() {
        LambdaFunction code = payload -> "{}";

        Bindings bindings = Bindings.builder()
                .function("arn:aws:lambda:us-east-1:123456789012:function:backbeat-publish", code).build();

        assertThat(bindings.functions()).containsOnlyKeys("backbeat-publish");
    }

    @Test
    void sameFunctionBoundTwice_isRefused() {
        Bindings.Builder builder = Bindings.builder()
                .function("backbeat-publish", payload -> "{}")
                .function("123456789012:function:backbeat-publish", payload -> "{}");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("functions binds 'backbeat-publish' twice (as '123456789012:function:backbeat-publish' too)");
    }

    @Test
    void negativeWaitTime_isRefused() {
        Bindings.Builder builder = Bindings.builder().waitTime(Duration.ofMillis(-1));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitTime must not be negative, was PT-0.001S");
    }
}
