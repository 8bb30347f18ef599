package io.backbeat.functions.extract;

import java.time.Duration;

/** What a run tells the person watching it; the command line draws it on the terminal. */
public interface ExtractionProgress {
    /** Tells nothing. */
    ExtractionProgress NONE = (finished, total) -> {};

    /** An artist is done with (fetched, or failed): {@code finished} of {@code total}. */
    void artistFinished(int finished, int total);

    /** Every request waits {@code wait} because the API answered HTTP 429. */
    default void rateLimited(Duration wait) {}
}
