package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            assertThat(tuning.reservedConcurrency()).isEmpty();
        }

        @Test
        void retries_stayWithinLambdasLimit() {
            FunctionSizing sizing = FunctionSizing.of(512, Duration.minutes(1));
            assertThatThrownBy(() -> new IngestFunctionsProps.Tuning(sizing, sizing, sizing, sizing, new TreeMap<>(), 3,
                    RetentionDays.ONE_MONTH))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("retryAttempts must be within 0..2 (Lambda's limit), got 3");
        }
    }

    @Nested
    class WarehouseCapacity {
        @Test
        void capacities_areMultiplesOfEightWithBaseBelowMax() {
            assertThatThrownBy(() -> new WarehouseProps(DevStack.stack().bucket().bucket(), "backbeat", "admin", 16, 8,
                    "10.0.0.0/16", List.of(), RetentionDays.ONE_YEAR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("capacities must be multiples of 8 RPU with 8 <= base <= max, got base=16 max=8");
        }

        @Test
        void databaseName_isALowercaseIdentifier() {
            assertThatThrownBy(() -> new WarehouseProps(DevStack.stack().bucket().bucket(), "Back-beat", "admin", 8, 8,
                    "10.0.0.0/16", List.of(), RetentionDays.ONE_YEAR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("databaseName must be a lowercase Redshift identifier, got 'Back-beat'");
        }
    }

    @Nested
    class Concurrency {
        @Test
        void reservedConcurrency_isAtLeastOne() {
            assertThatThrownBy(() -> IngestFunctionsProps.Tuning.defaults().withReservedConcurrency(Map.of("load", 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reservedConcurrency of load must be at least 1, got 0 (0 would stop the function; leave it"
                            + " out for no reservation)");
        }

        @Test
        void reservedConcurrency_namesAFunction() {
            assertThatThrownBy(() -> IngestFunctionsProps.Tuning.defaults().withReservedConcurrency(Map.of("loader", 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reservedConcurrency names an unknown function 'loader'; the functions are validate,"
                            + " transform, load, publish");
        }
    }

    @Nested
    class AvailabilityZones {
        @Test
        void zones_areAtLeastThreeDistinctOnes() {
            assertThatThrownBy(() -> new WarehouseProps.Settings(List.of("a", "b", "a"), RetentionDays.ONE_YEAR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("availabilityZones must name at least 3 distinct Availability Zones (a Redshift Serverless"
                            + " workgroup needs subnets in three), got [a, b, a]; e.g. -c availabilityZones=a,b,c, or leave"
                            + " it out for the first three of the Region");
        }

        @Test
        void zones_areLettersOrFullNames() {
            assertThat(new WarehouseProps.Settings(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"), RetentionDays.ONE_YEAR)
                    .availabilityZones()).containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
            assertThatThrownBy(() -> new WarehouseProps.Settings(List.of("a", "b", "use1-az1"), RetentionDays.ONE_YEAR))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("availabilityZones: 'use1-az1' is not an Availability Zone name; give full names"
                            + " (eu-west-1a) or the zone letters of the stack's Region (a), e.g. -c availabilityZones=a,b,c");
        }
    }
}
