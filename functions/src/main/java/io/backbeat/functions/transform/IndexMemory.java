package io.backbeat.functions.transform;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The large arrays of released key indexes (arena pages, big slot tables), kept for the next index of this JVM.
 *
 * <p>Why: a Lambda container transforms object after object, and an index of 10M plays is 700 MiB of arrays. Fresh
 * arrays are zeroed by the JVM and, in a heap the collector has given back, faulted in page by page by the OS; on the
 * benchmark's 10M plays that was a tenth of transform's time in every run after the first (BENCHMARKS.md, "Index
 * memory kept between objects"). Arena pages need no clearing (an entry is always written before it is read); a table
 * is cleared before it is handed out again. The first object of a container still allocates everything.
 *
 * <p>What is kept is bounded by half the heap, so an idle container holds at most what one index was allowed. Thread
 * safe: the local cloud may run transforms side by side in one JVM.
 */
final class IndexMemory {
    /** Slot tables smaller than this are not kept: cheap to allocate, and they come in many sizes. */
    private static final int MIN_KEPT_TABLE_SLOTS = 1 << 17;

    private static final long MAX_KEPT_BYTES = Runtime.getRuntime().maxMemory() / 2;
    private static final ArrayDeque<byte[]> PAGES = new ArrayDeque<>();
    private static long[] table;
    private static long keptBytes;

    private IndexMemory() {}

    /** An arena page of {@code bytes}: a kept one (its old contents are still there) or a new one. */
    static synchronized byte[] page(int bytes) {
        byte[] page = PAGES.peekFirst();
        if (page != null && page.length == bytes) {
            PAGES.pollFirst();
            keptBytes -= bytes;
            return page;
        }
        return new byte[bytes];
    }

    /**
     * A zeroed table of {@code slots} slots: the kept one, cleared, when it has that size, or a new one (always for a
     * table smaller than any kept).
     */
    static long[] table(int slots) {
        long[] kept = null;
        synchronized (IndexMemory.class) {
            if (table != null && table.length == slots) {
                kept = table;
                table = null;
                keptBytes -= (long) slots * Long.BYTES;
            }
        }
        if (kept == null) {
            return new long[slots];
        }
        Arrays.fill(kept, 0L);
        return kept;
    }

    /** Takes back a released index's arrays; what would exceed the bound is left to the collector. */
    static synchronized void release(byte[][] pages, int pageCount, long[] releasedTable) {
        for (int i = 0; i < pageCount; i++) {
            byte[] page = pages[i];
            if (page.length == KeyIndex.PAGE_BYTES && keptBytes + page.length <= MAX_KEPT_BYTES) {
                PAGES.addFirst(page);
                keptBytes += page.length;
            }
        }
        long tableBytes = (long) releasedTable.length * Long.BYTES;
        if (releasedTable.length >= MIN_KEPT_TABLE_SLOTS && (table == null || releasedTable.length > table.length)) {
            long freed = table == null ? 0 : (long) table.length * Long.BYTES;
            if (keptBytes - freed + tableBytes <= MAX_KEPT_BYTES) {
                keptBytes += tableBytes - freed;
                table = releasedTable;
            }
        }
    }

    /** Bytes kept now (for tests). */
    static synchronized long keptBytes() {
        return keptBytes;
    }
}
