package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;

/**
 * The resources of one function. The defaults in {@link IngestFunctionsProps} are starting points, to be resized
 * from the REPORT lines (max memory used, duration) of real loads.
 *
 * @param memoryMb memory in MB; 1769 MB is one full vCPU
 * @param timeout the invocation limit
 * @param ephemeralStorage the size of /tmp (512 MiB to 10 GiB)
 * @param snapStart whether published versions start from a SnapStart snapshot (needs ephemeral storage of 512 MiB)
 */
public record FunctionSizing(int memoryMb, Duration timeout, Size ephemeralStorage, boolean snapStart) {
    /** Lambda's default and SnapStart's limit. */
    static final Size DEFAULT_EPHEMERAL_STORAGE = Size.mebibytes(512);

    public FunctionSizing {
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(ephemeralStorage, "ephemeralStorage must not be null");
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("memoryMb must be within 128..10240, got " + memoryMb);
        }
        if (snapStart && ephemeralStorage.toMebibytes().doubleValue() > DEFAULT_EPHEMERAL_STORAGE.toMebibytes().doubleValue()) {
            throw new IllegalArgumentException("SnapStart does not support ephemeral storage above 512 MiB, got "
                    + ephemeralStorage.toMebibytes() + " MiB; turn one of them off");
        }
    }

    /** Sizing with the default 512 MiB of /tmp and SnapStart on. */
    public static FunctionSizing of(int memoryMb, Duration timeout) {
        return new FunctionSizing(memoryMb, timeout, DEFAULT_EPHEMERAL_STORAGE, true);
    }
}
