package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.logs.RetentionDays;

class PropsTest {

    @Nested
    class Sizing {
        @Test
        void snapStart_refusesMoreThan512MibOfEphemeralStorage() {
            assertThatThrownBy(() -> new FunctionSizing(1769, Duration.minutes(15), Size.gibibytes(10), true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SnapStart does not support ephemeral storage above 512 MiB, got 10240 MiB; turn one of them off");
        }

        @Test
        void memory_staysWithinLambdasRange() {
            assertThatThrownBy(() -> FunctionSizing.of(64, Duration.minutes(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("memoryMb must be within 128..10240, got 64");
        }

        @Test
        void defaults_giveTransformItsSpillSpaceWithoutSnapStart() {
            IngestFunctionsProps.Tuning tuning = IngestFunctionsProps.Tuning.defaults();

            assertThat(tuning.transform().snapStart()).isFalse();
            assertThat(tuning.transform().ephemeralStorage().toMebibytes().intValue()).isEqualTo(10240);
            assertThat(tuning.validate().snapStart()).isTrue();
            assertThat(tuning.loadConcurrency()).isEqualTo(5);
        }

        @Test
        void retries_stayWithinLambdasLimit() {
            FunctionSizing sizing = FunctionSizing.of(512, Duration.minutes(1));
            assertThatThrownBy(() -> new IngestFunctionsProps.Tuning(sizing, sizing, sizing, sizing, 5, 3, RetentionDays.ONE_MONTH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("retryAttempts must be within 0..2 (Lambda's limit), got 3");
        }
    }

    @Nested
    class WarehouseCapacity {
        @Test
        void capacities_areMultiplesOfEightWithBaseBelowMax() {
            assertThatThrownBy(() -> new WarehouseProps(DevStack.stack().bucket().bucket(), "backbeat", "admin", 16, 8,
                    "10.0.0.0/16", 30))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("capacities must be multiples of 8 RPU with 8 <= base <= max, got base=16 max=8");
        }

        @Test
        void databaseName_isALowercaseIdentifier() {
            assertThatThrownBy(() -> new WarehouseProps(DevStack.stack().bucket().bucket(), "Back-beat", "admin", 8, 8,
                    "10.0.0.0/16", 30))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("databaseName must be a lowercase Redshift identifier, got 'Back-beat'");
        }
    }
}
