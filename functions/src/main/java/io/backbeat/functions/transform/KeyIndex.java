package io.backbeat.functions.transform;

import java.util.Arrays;

/**
 * An exact set of keys, each with the line that first had it, in two primitive arrays: an open
 * addressing table of (64-bit hash, arena offset) pairs side by side, so a lookup of a new key costs one
 * cache miss, and a byte arena holding each key's line and text, read only when hashes match. No object
 * per key, so millions of keys cost the garbage collector nothing.
 *
 * <p>Natural keys are ASCII by contract (integers, base-62 ids, timestamps), so a key char is stored
 * as one byte; {@link #add} refuses anything else rather than risk two keys looking alike.
 */
final class KeyIndex {
    /** Returned by {@link #add} and {@link #find} when the key is new. */
    static final long ABSENT = -1;
    private static final int MIN_SLOTS = 1024;
    private static final int ENTRY_HEADER_BYTES = 8 + 2; // line, key length

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

    /** The first line that had the key, or {@link #ABSENT}; never adds. */
    long find(CharSequence key) {
        return find(key, hash(key));
    }

    /** {@link #find(CharSequence)} with the key's {@link #hash} already computed. */
    long find(CharSequence key, long hash) {
        int mask = table.length / 2 - 1;
        for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
            long stored = table[2 * slot];
            if (stored == 0) {
                return ABSENT;
            }
            if (stored == hash && sameKey((int) table[2 * slot + 1], key)) {
                return lineAt((int) table[2 * slot + 1]);
            }
        }
    }

    /** Adds the key with its line: {@link #ABSENT} when it was new, otherwise the line that first had it. */
    long add(CharSequence key, long line) {
        long hash = hash(key);
        int mask = table.length / 2 - 1;
        int slot = (int) hash & mask;
        for (long stored; (stored = table[2 * slot]) != 0; slot = (slot + 1) & mask) {
            if (stored == hash && sameKey((int) table[2 * slot + 1], key)) {
                return lineAt((int) table[2 * slot + 1]);
            }
        }
        table[2 * slot] = hash;
        table[2 * slot + 1] = store(key, line);
        if (++size * 2 > table.length / 2) {
            grow();
        }
        return ABSENT;
    }

    private int store(CharSequence key, long line) {
        int length = key.length();
        if (length > 0xffff) {
            throw new IllegalArgumentException("natural key longer than 65535 chars");
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
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException("natural keys are ASCII by contract, found U+"
                        + Integer.toHexString(c) + " in " + key);
            }
            arena[offset + ENTRY_HEADER_BYTES + i] = (byte) c;
        }
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

    private boolean sameKey(int offset, CharSequence key) {
        int length = ((arena[offset + 8] & 0xff) << 8) | (arena[offset + 9] & 0xff);
        if (length != key.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (arena[offset + ENTRY_HEADER_BYTES + i] != (byte) key.charAt(i)) {
                return false;
            }
        }
        return true;
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

    /** A 64-bit FNV-1a with a final avalanche (murmur3 fmix64); never 0, which marks an empty slot. */
    static long hash(CharSequence key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
