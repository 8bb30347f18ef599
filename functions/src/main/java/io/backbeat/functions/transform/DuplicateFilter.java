package io.backbeat.functions.transform;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes on the first record of each natural key and reports later repeats, exactly, in bounded memory.
 *
 * <p>A record is its key, its line in the raw object and its CSV bytes, encoded once by the caller.
 * Keys go into an in-memory {@link KeyIndex} (key to the line that first had it) while it is below
 * {@code keyBudget} keys and the object is not expected to outgrow it. Otherwise the index is frozen: a
 * later record whose key it holds is a repeat, any other is spilled, in a compact binary form, to one
 * of K files chosen by a hash of its key, so equal keys land in the same file. At {@link #finish()} the
 * frozen index is dropped and each spill file is filtered on its own by a fresh filter (which may spill
 * again, with different hash bits). Memory stays near {@code keyBudget} keys whatever the object size;
 * disk use is the size of the records spilled.
 *
 * <p>The size is estimated after {@value #SIZING_SAMPLE} records: an object expected to exceed the
 * budget freezes its index right away, so the frozen index stays small enough for the CPU caches and
 * the partitions are filtered with indexes sized to them. Records keep their input order within the
 * in-memory part and within each spill file, so the record passed on is always the earliest of its key.
 */
final class DuplicateFilter implements AutoCloseable {
    /** What happens to each record. */
    interface Outcome {
        /** The record is its first {@code length} bytes; the array may be reused after the call. */
        void first(byte[] record, int length, long line) throws IOException;

        void repeat(byte[] record, int length, long line, long firstLine) throws IOException;
    }

    static final int MAX_PARTITIONS = 64;
    /** Records read before the object's size is estimated. */
    static final int SIZING_SAMPLE = 4096;
    private static final int SPILL_BUFFER_BYTES = 64 * 1024;
    private static final VarHandle BIG_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final long keyBudget;
    private final Path spillDirectory;
    private final int salt;
    private final Outcome outcome;
    private final List<Partition> partitions = new ArrayList<>();
    private KeyIndex firstLines = new KeyIndex();
    private final Batch batch = new Batch();
    /** The sum of the slots read ahead: kept so the JIT cannot drop those reads as dead. */
    private long touchedSum;
    private long peakIndexBytes;
    private boolean frozen;
    private long offered;
    private long rowsSpilled;

    DuplicateFilter(long keyBudget, Path spillDirectory, Outcome outcome) {
        this(keyBudget, spillDirectory, 0, outcome);
    }

    private DuplicateFilter(long keyBudget, Path spillDirectory, int salt, Outcome outcome) {
        if (keyBudget < 1) {
            throw new IllegalArgumentException("keyBudget must be positive, got " + keyBudget);
        }
        this.keyBudget = keyBudget;
        this.spillDirectory = spillDirectory;
        this.salt = salt;
        this.outcome = outcome;
    }

    /**
     * The record to fill for the next row: then {@link #commit} it. Rows are built straight into the batch, so a
     * record is never copied before it is decided.
     */
    StagedRecord next() {
        return batch.records[batch.size];
    }

    /**
     * Offers the record {@link #next()} returned, now filled.
     *
     * @param rowsRemaining an estimate of the records still to come, used only to size the index and the spill
     */
    void commit(long line, long rowsRemaining) throws IOException {
        batch.lines[batch.size] = line;
        batch.remaining[batch.size] = rowsRemaining;
        if (++batch.size == Batch.ROWS) {
            flushBatch();
        }
    }

    /**
     * Offers a copy of a record.
     *
     * @param key the natural key, its first {@code keyLength} bytes (the array may be reused after the call)
     * @param record the record's CSV bytes, its first {@code recordLength} (the array may be reused after the call)
     * @param rowsRemaining an estimate of the records still to come, used only to size the index and the spill
     */
    void offer(byte[] key, int keyLength, byte[] record, int recordLength, long line, long rowsRemaining)
            throws IOException {
        next().copyOf(key, keyLength, record, recordLength);
        commit(line, rowsRemaining);
    }

    /**
     * Decides a batch of records, in their order: first their hashes, then a read of each one's first slot (so the
     * batch's cache misses overlap), then each record as {@link #decide} says. On 10 million plays this took transform
     * from 6.0 to 4.5 s (BENCHMARKS.md): the lookups of new keys are cache misses in a table of hundreds of MiB.
     */
    private void flushBatch() throws IOException {
        Batch b = batch; // only ever flushed while the index is in use: finish() flushes before dropping it
        StagedRecord[] records = b.records;
        // Hashes first, then the slot reads in a loop of their own: a tight loop keeps all of the batch's cache misses
        // in flight at once, where reads between hash computations overlapped only a few (transform about 4.1 -> 3.7 s).
        for (int i = 0; i < b.size; i++) {
            b.hashes[i] = KeyIndex.hash(records[i].key(), records[i].keyLength());
        }
        long touched = 0;
        for (int i = 0; i < b.size; i++) {
            touched += firstLines.touch(b.hashes[i]);
        }
        touchedSum += touched;
        for (int i = 0; i < b.size; i++) {
            StagedRecord r = records[i];
            decide(r.key(), r.keyLength(), b.hashes[i], r.line(), r.lineLength(), b.lines[i], b.remaining[i]);
        }
        b.size = 0;
        peakIndexBytes = Math.max(peakIndexBytes, firstLines.memoryBytes());
    }

    private void decide(byte[] key, int keyLength, long hash, byte[] record, int recordLength, long line,
            long rowsRemaining) throws IOException {
        if (++offered == SIZING_SAMPLE && !frozen) {
            long expected = offered + rowsRemaining;
            if (expected > keyBudget) {
                frozen = true;
                createPartitions(rowsRemaining);
            } else {
                firstLines.reserve(expected);
            }
        }
        if (!frozen && firstLines.size() < keyBudget) {
            long firstLine = firstLines.add(key, keyLength, hash, line);
            if (firstLine == KeyIndex.ABSENT) {
                outcome.first(record, recordLength, line);
            } else {
                outcome.repeat(record, recordLength, line, firstLine);
            }
            return;
        }
        if (!frozen) {
            frozen = true;
            createPartitions(rowsRemaining);
        }
        long firstLine = firstLines.find(key, keyLength, hash);
        if (firstLine != KeyIndex.ABSENT) {
            outcome.repeat(record, recordLength, line, firstLine);
        } else {
            partitions.get(Math.floorMod(partitionBits(hash, salt), partitions.size()))
                    .write(key, keyLength, record, recordLength, line);
            rowsSpilled++;
        }
    }

    /** Records offered but not yet decided, in buffers of their own that the caller fills and that are reused. */
    private static final class Batch {
        static final int ROWS = 32;
        final StagedRecord[] records = new StagedRecord[ROWS];
        final long[] lines = new long[ROWS];
        final long[] remaining = new long[ROWS];
        final long[] hashes = new long[ROWS];
        int size;

        Batch() {
            for (int i = 0; i < ROWS; i++) {
                records[i] = new StagedRecord();
            }
        }
    }

    /** The most heap any key index of this filter held at once (its own or a nested one's), in bytes. */
    long peakIndexBytes() {
        return peakIndexBytes;
    }

    /** Records written to disk because they did not fit in memory (including nested spills). */
    long rowsSpilled() {
        return rowsSpilled;
    }

    /** Filters the spilled records; call once, after the last {@link #offer}. */
    void finish() throws IOException {
        flushBatch();
        firstLines.release(); // every spilled record was already checked against it
        firstLines = null;
        for (Partition partition : partitions) {
            partition.closeWriter();
            try (DuplicateFilter nested = new DuplicateFilter(keyBudget, spillDirectory, salt + 1, outcome);
                    SpillReader in = new SpillReader(Files.newInputStream(partition.file))) {
                byte[] key = new byte[256];
                byte[] record = new byte[256];
                long remaining = partition.rows;
                for (long i = 0; i < partition.rows; i++) {
                    long line = in.readLong();
                    int keyLength = in.readUnsignedShort();
                    if (keyLength > key.length) {
                        key = new byte[keyLength];
                    }
                    in.readFully(key, keyLength);
                    int recordLength = in.readInt();
                    if (recordLength > record.length) {
                        record = new byte[recordLength];
                    }
                    in.readFully(record, recordLength);
                    nested.offer(key, keyLength, record, recordLength, line, --remaining);
                }
                nested.finish();
                rowsSpilled += nested.rowsSpilled();
                peakIndexBytes = Math.max(peakIndexBytes, nested.peakIndexBytes());
            } catch (EOFException e) {
                throw new IOException("spill file " + partition.file + " ended early; the disk may be full", e);
            }
            Files.deleteIfExists(partition.file);
        }
    }

    private void createPartitions(long rowsRemaining) throws IOException {
        long count = Math.max(2, Math.min(MAX_PARTITIONS, (rowsRemaining + 1) * 5 / 4 / keyBudget + 1));
        for (int i = 0; i < count; i++) {
            partitions.add(Partition.create(spillDirectory, i));
        }
    }

    /**
     * Partition bits from the key hash that differ at each nesting level, so a spill file that
     * overflows splits apart instead of landing whole in one nested file; high bits, because the index
     * slots use the low ones.
     */
    private static int partitionBits(long hash, int salt) {
        return (int) (Long.rotateLeft(hash, salt * 11) >>> 40);
    }

    @Override
    public void close() throws IOException {
        if (firstLines != null) { // closed without finish(): a failed object
            firstLines.release();
            firstLines = null;
        }
        for (Partition partition : partitions) {
            partition.closeWriter();
            Files.deleteIfExists(partition.file);
        }
    }

    /**
     * One spill file: per record its line (8 bytes), key length (2) and ASCII key, record length (4)
     * and CSV bytes, big-endian. Buffered by hand on both sides: the JDK's buffered streams take a lock
     * per call, which showed up as a fifth of transform's time.
     */
    private static final class Partition {
        final Path file;
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(SPILL_BUFFER_BYTES);
        long rows;
        private boolean closed;

        private Partition(Path file, OutputStream out) {
            this.file = file;
            this.out = out;
        }

        static Partition create(Path directory, int index) throws IOException {
            Path file = Files.createTempFile(directory, "backbeat-spill-" + index + "-", ".bin");
            return new Partition(file, Files.newOutputStream(file));
        }

        void write(byte[] key, int keyLength, byte[] record, int recordLength, long line) throws IOException {
            int size = 8 + 2 + keyLength + 4 + recordLength;
            if (buffer.remaining() < size) {
                flush();
            }
            if (size > buffer.capacity()) {
                ByteBuffer large = ByteBuffer.allocate(size);
                put(large, key, keyLength, record, recordLength, line);
                out.write(large.array(), 0, large.position());
            } else {
                put(buffer, key, keyLength, record, recordLength, line);
            }
            rows++;
        }

        private static void put(ByteBuffer target, byte[] key, int keyLength, byte[] record, int recordLength, long line) {
            target.putLong(line).putShort((short) keyLength).put(key, 0, keyLength).putInt(recordLength)
                    .put(record, 0, recordLength);
        }

        private void flush() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        void closeWriter() throws IOException {
            if (!closed) {
                closed = true;
                flush();
                out.close();
            }
        }
    }

    /** Reads a spill file back: {@link Partition}'s layout, from a buffer of its own (no lock per call). */
    private static final class SpillReader implements AutoCloseable {
        private final InputStream in;
        private final byte[] buffer = new byte[SPILL_BUFFER_BYTES];
        private int position;
        private int limit;

        SpillReader(InputStream in) {
            this.in = in;
        }

        long readLong() throws IOException {
            require(8);
            long value = (long) BIG_ENDIAN_LONGS.get(buffer, position);
            position += 8;
            return value;
        }

        int readInt() throws IOException {
            require(4);
            int value = (int) BIG_ENDIAN_INTS.get(buffer, position);
            position += 4;
            return value;
        }

        int readUnsignedShort() throws IOException {
            require(2);
            int value = ((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff);
            position += 2;
            return value;
        }

        void readFully(byte[] target, int length) throws IOException {
            int copied = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, 0, copied);
            position += copied;
            if (copied < length) {
                int read = in.readNBytes(target, copied, length - copied);
                if (read < length - copied) {
                    throw new EOFException();
                }
            }
        }

        /** Makes at least {@code bytes} (at most the buffer's size) readable from {@code position}. */
        private void require(int bytes) throws IOException {
            if (limit - position >= bytes) {
                return;
            }
            int kept = limit - position;
            System.arraycopy(buffer, position, buffer, 0, kept);
            position = 0;
            limit = kept;
            while (limit < bytes) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    throw new EOFException();
                }
                limit += read;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
