package io.backbeat.functions.kpi;

import static io.backbeat.events.ServingSchema.PARTITION_KEY;
import static io.backbeat.events.ServingSchema.SORT_KEY;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes puts and deletes to one table with {@code BatchWriteItem}, several requests in flight on a
 * caller's pool. What the API reference says, and what follows here
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html):
 *
 * <ul>
 *   <li>At most 25 put or delete requests and 16 MB per call: batches of {@value #BATCH_SIZE}; a KPI item is
 *       well under 1 KB, so 25 of them never come near 16 MB (nor an item near its 400 KB).
 *   <li>A batch holding two requests for the same key is rejected as a whole, and two writes of a key in
 *       batches in flight at once would race: every key appears at most once in what one call writes,
 *       checked before anything is sent.
 *   <li>The batch as a whole is not atomic: throttled requests come back in {@code UnprocessedItems}, to be
 *       sent again with exponential backoff. Retried here with full jitter, at most {@link Backoff#attempts()}
 *       calls per batch, then a failure naming the table and the count.
 * </ul>
 */
final class BatchWriter {
    static final int BATCH_SIZE = 25;

    private final Function<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem;
    private final String table;
    private final Backoff backoff;

    /**
     * @param batchWriteItem the call, {@code dynamoDb::batchWriteItem} (tests wrap it to leave items unprocessed)
     */
    BatchWriter(Function<BatchWriteItemRequest, BatchWriteItemResponse> batchWriteItem, String table, Backoff backoff) {
        this.batchWriteItem = Objects.requireNonNull(batchWriteItem, "batchWriteItem must not be null");
        this.table = Objects.requireNonNull(table, "table must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
    }

    /** Full-jitter exponential backoff: before retry n, a pause drawn from [0, min(cap, base * 2^(n-1))]. */
    record Backoff(Duration base, Duration cap, int attempts) {
        /** 8 calls, pauses up to 50 ms, 100 ms, … capped at 2 s: at most ~5.6 s of waiting for a throttled batch. */
        static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), 8);

        Backoff {
            Objects.requireNonNull(base, "base must not be null");
            Objects.requireNonNull(cap, "cap must not be null");
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
        }

        Duration pause(int retry) {
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }

    /** Writes every request, {@value #BATCH_SIZE} per call, on {@code pool}; returns when all are written. */
    void write(List<WriteRequest> writes, ExecutorService pool) {
        requireDistinctKeys(writes);
        List<Future<?>> calls = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
            List<WriteRequest> batch = List.copyOf(writes.subList(from, Math.min(writes.size(), from + BATCH_SIZE)));
            calls.add(pool.submit(() -> writeBatch(batch)));
        }
        awaitAll(calls);
    }

    private void writeBatch(List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; ; attempt++) {
            BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(Map.of(table, pending)).build();
            pending = batchWriteItem.apply(request).unprocessedItems().getOrDefault(table, List.of());
            if (pending.isEmpty()) {
                return;
            }
            if (attempt == backoff.attempts()) {
                Map<String, AttributeValue> key = key(pending.get(0));
                throw new IllegalStateException(("%d of %d KPI items still unprocessed by BatchWriteItem on table %s after %d"
                        + " attempts (first: %s=%s, %s=%s); the table is throttled: raise its write capacity, or publish the"
                        + " refresh again (publishing replaces a day's items, so it can be repeated)").formatted(pending.size(),
                        batch.size(), table, attempt, PARTITION_KEY, key.get(PARTITION_KEY).s(), SORT_KEY, key.get(SORT_KEY).s()));
            }
            sleep(backoff.pause(attempt));
        }
    }

    private void requireDistinctKeys(List<WriteRequest> writes) {
        Set<Map<String, AttributeValue>> seen = new HashSet<>();
        for (WriteRequest write : writes) {
            Map<String, AttributeValue> key = key(write);
            if (!seen.add(key)) {
                throw new IllegalArgumentException(("two writes of the same item (%s=%s, %s=%s) for table %s; the KPI rows of a"
                        + " day must have distinct keys: check the warehouse's KPI table for duplicate rows").formatted(
                        PARTITION_KEY, key.get(PARTITION_KEY).s(), SORT_KEY, key.get(SORT_KEY).s(), table));
            }
        }
    }

    private static Map<String, AttributeValue> key(WriteRequest write) {
        Map<String, AttributeValue> item = write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key();
        return Map.of(PARTITION_KEY, item.get(PARTITION_KEY), SORT_KEY, item.get(SORT_KEY));
    }

    /** Waits for every call; the first failure cancels the rest and is thrown as it was. */
    static <T> List<T> awaitAll(List<? extends Future<? extends T>> calls) {
        List<T> results = new ArrayList<>(calls.size());
        try {
            for (Future<? extends T> call : calls) {
                results.add(call.get());
            }
            return results;
        } catch (ExecutionException e) {
            calls.forEach(call -> call.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("publishing KPIs failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            calls.forEach(call -> call.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing KPIs", e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing KPIs", e);
        }
    }
}
