package io.backbeat.cli.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wall time of a local run, phase by phase, each phase ending where the next begins. */
final class RunPhases {
    private final long started;
    private long lastEnd;
    private final Map<String, Duration> ended = new LinkedHashMap<>();

    /** @param started {@link System#nanoTime()} at the start of the run */
    RunPhases(long started) {
        this.started = started;
        this.lastEnd = started;
    }

    /** Ends the phase running since the previous one ended. */
    void end(String phase) {
        long now = System.nanoTime();
        ended.put(phase, Duration.ofNanos(now - lastEnd));
        lastEnd = now;
    }

    Map<String, Duration> ended() {
        return java.util.Collections.unmodifiableMap(ended);
    }

    /** From the start to the end of the last phase. */
    Duration total() {
        return Duration.ofNanos(lastEnd - started);
    }
}
