package io.backbeat.functions.extract;

import java.util.concurrent.atomic.AtomicLong;

/** The request counts of one run, shared by everything that sends. */
final class ExtractionCounters {
    /** HTTP requests sent to the API, retries included (token requests are not API requests). */
    final AtomicLong requests = new AtomicLong();
    /** HTTP 429 answers (from the API or the token endpoint), each followed by a wait. */
    final AtomicLong retries429 = new AtomicLong();
    /** Retries after a 5xx answer or a connection failure. */
    final AtomicLong retriesTransient = new AtomicLong();
}
