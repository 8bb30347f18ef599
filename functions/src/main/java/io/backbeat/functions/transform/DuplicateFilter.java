package io.backbeat.functions.transform;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.functions.csv.CsvLineWriter;
import io.backbeat.functions.csv.CsvRecords;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes on the first row of each natural key and reports later repeats, exactly, in bounded memory.
 *
 * <p>Keys are indexed in memory ({@link KeyIndex}: key to the line that first had it) up to {@code keyBudget} keys. When
 * the index is full it is frozen: a later row whose key it holds is a repeat; any other row is spilled
 * to one of K files on disk, chosen by a hash of its key, so equal keys land in the same file. At
 * {@link #finish()} the frozen index is dropped and each spill file is filtered on its own by a fresh
 * filter (which may spill again, with another hash salt). Memory therefore stays near
 * {@code keyBudget} keys whatever the object size; disk use is the size of the rows spilled.
 *
 * <p>Rows keep their input order within the in-memory part and within each spill file, so the row that
 * is passed on is always the earliest of its key.
 */
final class DuplicateFilter implements AutoCloseable {
    /** What happens to each row. */
    interface Outcome {
        void first(String[] row, long line) throws IOException;

        void repeat(String[] row, long line, long firstLine) throws IOException;
    }

    static final int MAX_PARTITIONS = 64;
    /** Rows read before the index is sized from the estimate of rows to come. */
    private static final int SIZING_SAMPLE = 4096;
    private static final int SPILL_BUFFER_BYTES = 32 * 1024;

    private final int[] keyIndexes;
    private final long keyBudget;
    private final Path spillDirectory;
    private final int salt;
    private final Outcome outcome;
    private KeyIndex firstLines = new KeyIndex();
    private final List<Partition> partitions = new ArrayList<>();
    private long rowsSpilled;
    private long rowsOffered;
    private final StringBuilder keyBuilder = new StringBuilder(64);

    DuplicateFilter(int[] keyIndexes, long keyBudget, Path spillDirectory, Outcome outcome) {
        this(keyIndexes, keyBudget, spillDirectory, 0, outcome);
    }

    private DuplicateFilter(int[] keyIndexes, long keyBudget, Path spillDirectory, int salt, Outcome outcome) {
        if (keyBudget < 1) {
            throw new IllegalArgumentException("keyBudget must be positive, got " + keyBudget);
        }
        this.keyIndexes = keyIndexes.clone();
        this.keyBudget = keyBudget;
        this.spillDirectory = spillDirectory;
        this.salt = salt;
        this.outcome = outcome;
    }

    /**
     * @param rowsRemaining an estimate of the rows still to come, used only to size the spill
     */
    void offer(String[] row, long line, long rowsRemaining) throws IOException {
        if (++rowsOffered == SIZING_SAMPLE && partitions.isEmpty()) {
            firstLines.reserve(Math.min(keyBudget, rowsOffered + rowsRemaining));
        }
        CharSequence key = keyOf(row);
        if (partitions.isEmpty() && firstLines.size() < keyBudget) {
            long firstLine = firstLines.add(key, line);
            if (firstLine == KeyIndex.ABSENT) {
                outcome.first(row, line);
            } else {
                outcome.repeat(row, line, firstLine);
            }
            return;
        }
        long hash = KeyIndex.hash(key);
        long firstLine = firstLines.find(key, hash);
        if (firstLine != KeyIndex.ABSENT) {
            outcome.repeat(row, line, firstLine);
        } else {
            spill(hash, row, line, rowsRemaining);
        }
    }

    /** Rows written to disk because the in-memory index was full (including nested spills). */
    long rowsSpilled() {
        return rowsSpilled;
    }

    /** Filters the spilled rows; call once, after the last {@link #offer}. */
    void finish() throws IOException {
        firstLines = null; // every spilled row was already checked against it
        for (Partition partition : partitions) {
            partition.closeWriter();
            try (DuplicateFilter nested = new DuplicateFilter(keyIndexes, keyBudget, spillDirectory, salt + 1, outcome);
                    InputStream in = new BufferedInputStream(Files.newInputStream(partition.file), SPILL_BUFFER_BYTES);
                    CsvReader<CsvRecord> reader = CsvRecords.read(in)) {
                long remaining = partition.rows;
                for (CsvRecord record : reader) {
                    String[] spilled = record.getFields().toArray(String[]::new);
                    String[] row = java.util.Arrays.copyOfRange(spilled, 1, spilled.length);
                    nested.offer(row, Long.parseLong(spilled[0]), --remaining);
                }
                nested.finish();
                rowsSpilled += nested.rowsSpilled();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.deleteIfExists(partition.file);
        }
    }

    private void spill(long hash, String[] row, long line, long rowsRemaining) throws IOException {
        if (partitions.isEmpty()) {
            long count = Math.max(2, Math.min(MAX_PARTITIONS, (rowsRemaining + 1) * 5 / 4 / keyBudget + 1));
            for (int i = 0; i < count; i++) {
                partitions.add(Partition.create(spillDirectory, i));
            }
        }
        int index = Math.floorMod(mix(hash, salt), partitions.size());
        Partition partition = partitions.get(index);
        String[] spilled = new String[row.length + 1];
        spilled[0] = Long.toString(line);
        System.arraycopy(row, 0, spilled, 1, row.length);
        partition.writer.write(spilled);
        partition.rows++;
        rowsSpilled++;
    }

    private CharSequence keyOf(String[] row) {
        if (keyIndexes.length == 1) {
            return row[keyIndexes[0]];
        }
        StringBuilder key = keyBuilder;
        key.setLength(0);
        for (int i = 0; i < keyIndexes.length; i++) {
            if (i > 0) {
                key.append('\u001f'); // a unit separator cannot occur in a checked key value
            }
            key.append(row[keyIndexes[i]]);
        }
        return key;
    }

    /**
     * Picks partition bits from the key hash that differ at each nesting level, so a spill file that
     * overflows splits apart instead of landing whole in one nested file.
     */
    private static int mix(long hash, int salt) {
        return (int) (Long.rotateLeft(hash, salt * 11) >>> 40); // high bits: the index slots use the low ones
    }

    @Override
    public void close() throws IOException {
        for (Partition partition : partitions) {
            partition.closeWriter();
            Files.deleteIfExists(partition.file);
        }
    }

    private static final class Partition {
        final Path file;
        final CsvLineWriter writer;
        long rows;
        private boolean closed;

        private Partition(Path file, CsvLineWriter writer) {
            this.file = file;
            this.writer = writer;
        }

        void closeWriter() throws IOException {
            if (!closed) {
                closed = true;
                writer.close();
            }
        }

        static Partition create(Path directory, int index) throws IOException {
            Path file = Files.createTempFile(directory, "backbeat-spill-" + index + "-", ".csv");
            return new Partition(file, new CsvLineWriter(Files.newOutputStream(file)));
        }
    }
}
