package io.backbeat.functions.extract;

import java.time.Duration;

/** Waits; tests pass one that records the wait and moves a clock instead. */
@FunctionalInterface
interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
