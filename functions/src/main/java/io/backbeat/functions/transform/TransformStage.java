package io.backbeat.functions.transform;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.functions.csv.CompressedCsvWriter;
import io.backbeat.functions.csv.CsvLineWriter;
import io.backbeat.functions.csv.CsvRecords;
import io.backbeat.functions.csv.DecodedInput;
import io.backbeat.functions.csv.ValidatedCsv;
import io.backbeat.functions.quarantine.QuarantineWriter;
import io.backbeat.functions.quarantine.RejectedRow;
import io.backbeat.functions.quarantine.StageReportWriter;
import io.backbeat.functions.stage.ObjectStage;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Transform: normalizes validated rows, keeps the first row of each natural key (later repeats go to
 * the quarantine as {@code duplicate_key}, with the raw line of the row they repeat) and writes the
 * staged object, zstd-compressed CSV with a header, which Redshift {@code COPY} loads as it is.
 *
 * <pre>{@code
 * ObjectStage transform = new TransformStage(DedupeBudget.of(64 << 20), Path.of("/tmp"));
 * transform.process(ZoneKey.parse("validated/streams/day.csv.zst"), ObjectVersion.ANY, store);
 * }</pre>
 */
public final class TransformStage implements ObjectStage {
    private final long keyBudget;
    private final Path spillDirectory;

    /**
     * @param keyBudget natural keys held in memory before spilling to {@code spillDirectory}
     */
    public TransformStage(long keyBudget, Path spillDirectory) {
        if (keyBudget < 1) {
            throw new IllegalArgumentException("keyBudget must be positive, got " + keyBudget);
        }
        this.keyBudget = keyBudget;
        this.spillDirectory = spillDirectory;
    }

    /** Roughly what one indexed key costs on the heap (a short string, a boxed line, a map entry). */
    public static final long BYTES_PER_KEY = 160;

    /** A stage whose index may use {@code bytes} of heap. */
    public static TransformStage withMemory(long bytes, Path spillDirectory) {
        return new TransformStage(Math.max(1, bytes / BYTES_PER_KEY), spillDirectory);
    }

    @Override
    public Stage stage() {
        return Stage.TRANSFORM;
    }

    @Override
    public StageResult process(ZoneKey key, ObjectVersion version, ObjectStore store) throws IOException {
        Dataset dataset = key.dataset().orElseThrow(() -> new IllegalArgumentException(
                "validated object " + key.key() + " names no dataset; only validate writes validated/"));
        DatasetContract contract = dataset.contract();
        RowNormalizer normalizer = RowNormalizer.of(dataset);
        String source = store.locate(key.key());
        QuarantineWriter quarantine = new QuarantineWriter(store, key.quarantineRejects(Stage.TRANSFORM).key());
        CompressedCsvWriter staged = CompressedCsvWriter.of(store.create(key.staged().key(), "application/zstd"));
        StoredObject object;
        try {
            object = store.open(key.key(), version);
        } catch (IOException | RuntimeException e) {
            staged.abort();
            throw e;
        }
        long rowsIn = 0;
        long bytesIn;
        try (var content = object.content();
                DecodedInput input = DecodedInput.of(content);
                CsvReader<CsvRecord> reader = CsvRecords.read(input.stream());
                DuplicateFilter filter = new DuplicateFilter(
                        keyBudget, spillDirectory, new Routing(staged, quarantine, naturalKeyLabel(contract)))) {
            staged.write(contract.stagedColumns().stream().map(Column::name).toList());
            Iterator<CsvRecord> records = reader.iterator();
            requireValidatedHeader(key, contract, records);
            NaturalKey naturalKey = new NaturalKey(contract.naturalKeyIndexes());
            CsvLineWriter.Encoder encoder = new CsvLineWriter.Encoder();
            while (records.hasNext()) {
                CsvRecord record = records.next();
                rowsIn++;
                String[] values = new String[record.getFieldCount() - 1];
                for (int i = 0; i < values.length; i++) {
                    values[i] = record.getField(i + 1);
                }
                String[] row = normalizer.normalize(values);
                naturalKey.of(row);
                filter.offer(naturalKey.bytes(), naturalKey.length(), encoder.encode(row), Long.parseLong(record.getField(0)),
                        remainingRows(rowsIn, input.storedBytesRead(), object.size()));
            }
            filter.finish();
            bytesIn = input.storedBytesRead();
        } catch (UncheckedIOException e) {
            discard(staged, quarantine);
            throw e.getCause(); // FastCSV wraps read failures
        } catch (IOException | RuntimeException e) {
            discard(staged, quarantine);
            throw e;
        }
        staged.close();
        quarantine.close();
        long rowsStaged = staged.rows() - 1;
        List<String> outputs = new ArrayList<>(List.of(store.locate(staged.key())));
        long bytesOut = staged.bytesWritten() + quarantine.bytesWritten();
        String reportKey = key.quarantineReport(Stage.TRANSFORM).key();
        if (quarantine.writtenKey() != null) {
            outputs.add(store.locate(quarantine.writtenKey()));
            outputs.add(store.locate(reportKey));
        }
        StageResult result = new StageResult(Stage.TRANSFORM, dataset, source, rowsIn, rowsStaged, quarantine.rows(),
                quarantine.counts(), null, bytesIn, bytesOut, outputs, List.of(), List.of(), List.of());
        if (quarantine.writtenKey() != null) {
            StageReportWriter.write(store, reportKey, result, quarantine.samples());
        }
        return result;
    }

    private static void discard(CompressedCsvWriter staged, QuarantineWriter quarantine) {
        staged.abort();
        quarantine.abort();
    }

    private static void requireValidatedHeader(ZoneKey key, DatasetContract contract, Iterator<CsvRecord> records) {
        List<String> expected = ValidatedCsv.header(contract);
        List<String> header = records.hasNext() ? records.next().getFields() : List.of();
        if (!header.equals(expected)) {
            throw new IllegalStateException("validated object " + key.key() + " has header " + header + ", expected "
                    + expected + "; validated/ must only be written by the validate stage of the same version");
        }
    }

    /** Rows still to come, extrapolated from the share of stored bytes read so far. */
    static long remainingRows(long rowsSoFar, long bytesRead, long bytesTotal) {
        if (bytesRead <= 0 || bytesTotal <= bytesRead) {
            return 0;
        }
        return (long) (rowsSoFar * ((double) (bytesTotal - bytesRead) / bytesRead));
    }

    private static String naturalKeyLabel(DatasetContract contract) {
        return String.join("+", contract.naturalKey());
    }

    /** Sends first rows to the staged object and repeats to the quarantine. */
    private record Routing(CompressedCsvWriter staged, QuarantineWriter quarantine, String keyLabel)
            implements DuplicateFilter.Outcome {
        @Override
        public void first(byte[] record, long line) throws IOException {
            staged.writeEncoded(record);
        }

        @Override
        public void repeat(byte[] record, long line, long firstLine) throws IOException {
            String raw = new String(record, 0, record.length - 1, StandardCharsets.UTF_8); // without the line feed
            quarantine.reject(new RejectedRow(line, keyLabel, ReasonCode.DUPLICATE_KEY,
                    "repeats the natural key (" + keyLabel.replace("+", ", ") + ") of line " + firstLine
                            + "; the first row was kept",
                    raw));
        }
    }

    /**
     * The natural key of a staged row as bytes: its key columns in UTF-8, joined by a unit separator
     * (never in a checked key). Written into one reused buffer: one key per row, millions of rows.
     */
    private static final class NaturalKey {
        private final int[] indexes;
        private byte[] bytes = new byte[128];
        private int length;

        NaturalKey(int[] indexes) {
            this.indexes = indexes;
        }

        /** Encodes the row's key; read it with {@link #bytes()} and {@link #length()} until the next call. */
        void of(String[] row) {
            length = 0;
            for (int i = 0; i < indexes.length; i++) {
                if (i > 0) {
                    append((byte) 0x1f);
                }
                String value = row[indexes[i]];
                for (int c = 0; c < value.length(); c++) {
                    char ch = value.charAt(c);
                    if (ch >= 0x80) { // keys are ASCII by contract; stay exact if one is not
                        length -= c;
                        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                            append(b);
                        }
                        break;
                    }
                    append((byte) ch);
                }
            }
        }

        private void append(byte b) {
            if (length == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = b;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }
    }
}
