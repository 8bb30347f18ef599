package io.backbeat.cli.local;

import java.time.Duration;

/**
 * Counts work in flight in the local deployment (function invocations queued or running, state
 * machine executions), so a caller can wait for the pipeline to settle.
 */
final class Activity {
    private int inFlight;

    synchronized void begin() {
        inFlight++;
    }

    synchronized void end() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /**
     * Waits until nothing is in flight.
     *
     * @return false when {@code timeout} passed first
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
