package io.backbeat.functions.transform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An exact set of keys, each with the line that first had it, in primitive arrays: an open addressing table of one
 * long per slot (the upper 32 bits of the key's hash, which also place the slot, and its entry's arena offset plus
 * one), so a lookup of a new key costs one cache miss, and an arena in pages holding each key's line and bytes, read
 * only when the 32 hash bits match. No object per key, so millions of keys cost the garbage collector nothing; 8 bytes
 * a slot (not 16) lets a function's heap hold twice the keys before spilling. Keys are bytes (a key's UTF-8 text),
 * compared exactly.
 */
final class KeyIndex {
    /** Returned by {@link #add} and {@link #find} when the key is new. */
    static final long ABSENT = -1;
    private static final int MIN_SLOTS = 1024;
    private static final int ENTRY_HEADER_BYTES = 8 + 2; // line, key length
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per slot: the hash's upper 32 bits, then the entry's arena offset + 1 in the lower 32 (0 = empty). */
    private long[] table;
    /** 64 less the number of index bits: {@code table.length == 1 << (64 - shift)}. */
    private int shift;
    /**
     * The arena, in pages of {@value #PAGE_BYTES} bytes (an entry never crosses a page): it grows a page at a time,
     * never by copying, so a large index never needs its arena twice in the heap (with the serial collector Lambda
     * uses, one huge copy would have to fit the old generation beside the original). An entry's offset is its page
     * times the page size plus its place in the page.
     */
    private byte[][] pages = new byte[0][];
    private int pageCount;
    /** Bytes used in the last page. */
    private int pageUsed = PAGE_BYTES;
    private int size;

    KeyIndex() {
        table = new long[MIN_SLOTS];
        shift = 64 - Integer.numberOfTrailingZeros(MIN_SLOTS);

    }

    int size() {
        return size;
    }

    /** The first line that had the key (its first {@code length} bytes), or {@link #ABSENT}; never adds. */
    long find(byte[] key, int length) {
        return find(key, length, hash(key, length));
    }

    /** {@link #find(byte[], int)} with the key's {@link #hash} already computed. */
    long find(byte[] key, int length, long hash) {
        int mask = table.length - 1;
        long fingerprint = hash & FINGERPRINT;
        for (int slot = home(hash); ; slot = (slot + 1) & mask) {
            long stored = table[slot];
            if (stored == 0) {
                return ABSENT;
            }
            if ((stored & FINGERPRINT) == fingerprint && sameKey(offsetOf(stored), key, length)) {
                return lineAt(offsetOf(stored));
            }
        }
    }

    private static final long FINGERPRINT = 0xffffffff00000000L;

    /**
     * Reads the first slot of a key with this hash and returns it, to be ignored: called for a batch of keys before
     * they are looked up, so the CPU fetches their slots from memory at the same time rather than one after another
     * (each is a cache miss in a large table). The caller keeps the results somewhere the JIT cannot drop them.
     */
    long touch(long hash) {
        return table[home(hash)];
    }

    /**
     * A key's first slot: the top bits of its hash, which the slot itself keeps, so that a rehash places every entry
     * again from the table alone, in hash order, never reading the arena (rehashing 10 million keys by re-reading their
     * entries was a quarter of transform's time).
     */
    private int home(long hash) {
        return (int) (hash >>> shift);
    }

    private static int offsetOf(long slot) {
        return (int) slot - 1;
    }

    /** Bytes the index holds now: what the memory budget is compared with. */
    long memoryBytes() {
        return (long) table.length * Long.BYTES + (long) pageCount * PAGE_BYTES;
    }

    /** Adds the key with its line: {@link #ABSENT} when it was new, otherwise the line that first had it. */
    long add(byte[] key, int length, long line) {
        return add(key, length, hash(key, length), line);
    }

    /** {@link #add(byte[], int, long)} with the key's {@link #hash} already computed. */
    long add(byte[] key, int length, long hash, long line) {
        int mask = table.length - 1;
        long fingerprint = hash & FINGERPRINT;
        int slot = home(hash);
        for (long stored; (stored = table[slot]) != 0; slot = (slot + 1) & mask) {
            if ((stored & FINGERPRINT) == fingerprint && sameKey(offsetOf(stored), key, length)) {
                return lineAt(offsetOf(stored));
            }
        }
        table[slot] = fingerprint | (store(key, length, line) + 1L);
        if (++size > table.length - (table.length >> 2)) {
            grow();
        }
        return ABSENT;
    }

    private static final int PAGE_BITS = 23;
    static final int PAGE_BYTES = 1 << PAGE_BITS;
    /** Offsets stay below 2^31 - 1, so an offset + 1 is a positive int. */
    private static final int MAX_PAGES = Integer.MAX_VALUE >> PAGE_BITS;

    private int store(byte[] key, int length, long line) {
        if (length > 0xffff) {
            throw new IllegalArgumentException("natural key longer than 65535 bytes");
        }
        int needed = ENTRY_HEADER_BYTES + length;
        if (pageUsed + needed > PAGE_BYTES) {
            if (pageCount == MAX_PAGES) {
                throw new IllegalStateException("key index arena is full; lower the dedupe memory budget");
            }
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, Math.max(4, pageCount * 2));
            }
            // The first page small, so that the many small objects' indexes stay small.
            byte[] fresh = pageCount == 0 ? new byte[64 * 1024] : IndexMemory.page(PAGE_BYTES);
            pages[pageCount++] = fresh;
            pageUsed = 0;
        }
        byte[] page = pages[pageCount - 1];
        if (pageUsed + needed > page.length) { // only the small first page
            byte[] full = IndexMemory.page(PAGE_BYTES);
            System.arraycopy(page, 0, full, 0, pageUsed);
            pages[pageCount - 1] = page = full;
        }
        int within = pageUsed;
        for (int i = 0; i < 8; i++) {
            page[within + i] = (byte) (line >>> (56 - 8 * i));
        }
        page[within + 8] = (byte) (length >>> 8);
        page[within + 9] = (byte) length;
        System.arraycopy(key, 0, page, within + ENTRY_HEADER_BYTES, length);
        pageUsed += needed;
        return ((pageCount - 1) << PAGE_BITS) | within;
    }

    private long lineAt(int offset) {
        byte[] page = pages[offset >>> PAGE_BITS];
        int within = offset & (PAGE_BYTES - 1);
        long line = 0;
        for (int i = 0; i < 8; i++) {
            line = (line << 8) | (page[within + i] & 0xff);
        }
        return line;
    }

    private int keyLengthAt(int offset) {
        byte[] page = pages[offset >>> PAGE_BITS];
        int within = offset & (PAGE_BYTES - 1);
        return ((page[within + 8] & 0xff) << 8) | (page[within + 9] & 0xff);
    }

    private boolean sameKey(int offset, byte[] key, int length) {
        byte[] page = pages[offset >>> PAGE_BITS];
        int from = (offset & (PAGE_BYTES - 1)) + ENTRY_HEADER_BYTES;
        return keyLengthAt(offset) == length && Arrays.equals(page, from, from + length, key, 0, length);
    }

    /**
     * Gives the index's large arrays to {@link IndexMemory} for the next index; the index must not be used after.
     */
    void release() {
        IndexMemory.release(pages, pageCount, table);
        pages = null; // used, or released again, after this, the index fails at once instead of sharing its arrays
        table = null;
    }

    /**
     * Makes room for {@code keys} keys in all, so that an index whose final size is known roughly up
     * front is built without rehashing (each rehash touches every slot in random order).
     */
    void reserve(long keys) {
        long slots = Long.highestOneBit(Math.max(MIN_SLOTS, keys * 4 / 3) - 1) << 1;
        if (slots > 1 << 30) {
            return; // beyond what one table holds; growth will stop at the memory budget anyway
        }
        if (slots > table.length) {
            rehash((int) slots);
        }
    }

    private void grow() {
        rehash(table.length * 2);
    }

    /** Places every entry again by the hash bits its slot keeps. */
    private void rehash(int slots) {
        long[] old = table;
        table = IndexMemory.table(slots);
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        int mask = slots - 1;
        for (long entry : old) {
            if (entry != 0) {
                int slot = home(entry);
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = entry;
            }
        }
    }

    /**
     * A 64-bit hash of the key's first {@code length} bytes, never 0 (which marks an empty slot). It
     * mixes eight bytes per step, then avalanches (murmur3's fmix64): a byte-at-a-time hash of a
     * 45-byte streams key was a sixth of transform's time.
     */
    static long hash(byte[] key, int length) {
        long h = 0x9e3779b97f4a7c15L ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONGS.get(key, i) * 0x87c37b91114253d5L), 31) * 0x4cf5ad432745937fL;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h = Long.rotateLeft(h ^ (tail * 0x87c37b91114253d5L), 31) * 0x4cf5ad432745937fL;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
