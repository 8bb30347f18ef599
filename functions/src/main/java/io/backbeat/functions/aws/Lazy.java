package io.backbeat.functions.aws;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use and kept: for what a handler needs on some invocations only (a client of a service it
 * calls on one path), so that a cold start does not pay for it up front. Thread-safe; the factory runs at most once
 * (unless it throws, when the next call tries again).
 *
 * <pre>{@code
 * Lazy<SfnClient> sfn = Lazy.of(AwsClients::stepFunctions);
 * sfn.get().startExecution(...); // built here, the first time
 * }</pre>
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> factory;
    private volatile T value;

    private Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory must not be null");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(factory.get(), "the factory of a Lazy returned null");
                    value = made;
                }
            }
        }
        return made;
    }

    /** Whether the value was made already. */
    public boolean isMade() {
        return value != null;
    }
}
