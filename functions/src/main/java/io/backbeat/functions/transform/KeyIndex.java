package io.backbeat.functions.transform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An exact set of keys, each with the line that first had it, in two primitive arrays: an open
 * addressing table of (64-bit hash, arena offset) pairs side by side, so a lookup of a new key costs one
 * cache miss, and a byte arena holding each key's line and bytes, read only when hashes match. No object
 * per key, so millions of keys cost the garbage collector nothing. Keys are bytes (a key's UTF-8 text),
 * compared exactly.
 */
final class KeyIndex {
    /** Returned by {@link #add} and {@link #find} when the key is new. */
    static final long ABSENT = -1;
    private static final int MIN_SLOTS = 1024;
    private static final int ENTRY_HEADER_BYTES = 8 + 2; // line, key length
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per slot: [2i] the key hash (0 = empty), [2i+1] the entry's offset in the arena. */
    private long[] table;
    private byte[] arena;
    private int arenaUsed;
    private int size;

    KeyIndex() {
        table = new long[2 * MIN_SLOTS];
        arena = new byte[64 * MIN_SLOTS];
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
        int mask = table.length / 2 - 1;
        for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
            long stored = table[2 * slot];
            if (stored == 0) {
                return ABSENT;
            }
            if (stored == hash && sameKey((int) table[2 * slot + 1], key, length)) {
                return lineAt((int) table[2 * slot + 1]);
            }
        }
    }

    /** Adds the key with its line: {@link #ABSENT} when it was new, otherwise the line that first had it. */
    long add(byte[] key, int length, long line) {
        long hash = hash(key, length);
        int mask = table.length / 2 - 1;
        int slot = (int) hash & mask;
        for (long stored; (stored = table[2 * slot]) != 0; slot = (slot + 1) & mask) {
            if (stored == hash && sameKey((int) table[2 * slot + 1], key, length)) {
                return lineAt((int) table[2 * slot + 1]);
            }
        }
        table[2 * slot] = hash;
        table[2 * slot + 1] = store(key, length, line);
        if (++size * 2 > table.length / 2) {
            grow();
        }
        return ABSENT;
    }

    private int store(byte[] key, int length, long line) {
        if (length > 0xffff) {
            throw new IllegalArgumentException("natural key longer than 65535 bytes");
        }
        int needed = arenaUsed + ENTRY_HEADER_BYTES + length;
        if (needed > arena.length) {
            long grown = Math.max(needed, (long) arena.length * 2);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("key index arena is full; lower the dedupe memory budget");
            }
            arena = Arrays.copyOf(arena, (int) grown);
        }
        int offset = arenaUsed;
        for (int i = 0; i < 8; i++) {
            arena[offset + i] = (byte) (line >>> (56 - 8 * i));
        }
        arena[offset + 8] = (byte) (length >>> 8);
        arena[offset + 9] = (byte) length;
        System.arraycopy(key, 0, arena, offset + ENTRY_HEADER_BYTES, length);
        arenaUsed = needed;
        return offset;
    }

    private long lineAt(int offset) {
        long line = 0;
        for (int i = 0; i < 8; i++) {
            line = (line << 8) | (arena[offset + i] & 0xff);
        }
        return line;
    }

    private boolean sameKey(int offset, byte[] key, int length) {
        int stored = ((arena[offset + 8] & 0xff) << 8) | (arena[offset + 9] & 0xff);
        int from = offset + ENTRY_HEADER_BYTES;
        return stored == length && Arrays.equals(arena, from, from + length, key, 0, length);
    }
    /**
     * Makes room for {@code keys} keys in all, so that an index whose final size is known roughly up
     * front is built without rehashing (each rehash touches every slot in random order).
     */
    void reserve(long keys) {
        long slots = Long.highestOneBit(Math.max(MIN_SLOTS, keys * 2 - 1)) << 1;
        if (slots > Integer.MAX_VALUE / 4) {
            return; // beyond what one table holds; growth will stop at the memory budget anyway
        }
        if (slots > table.length / 2) {
            rehash((int) slots);
        }
        long arenaBytes = size == 0 ? 0 : (long) ((double) arenaUsed / size * keys);
        if (arenaBytes > arena.length && arenaBytes < Integer.MAX_VALUE - 16) {
            arena = Arrays.copyOf(arena, (int) arenaBytes);
        }
    }

    private void grow() {
        rehash(table.length);
    }

    private void rehash(int slots) {
        long[] old = table;
        table = new long[slots * 2];
        int mask = table.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int slot = (int) old[i] & mask;
                while (table[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
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
