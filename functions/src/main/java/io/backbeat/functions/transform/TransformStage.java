package io.backbeat.functions.transform;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.functions.csv.CompressedCsvWriter;
import io.backbeat.functions.csv.DecodedInput;
import io.backbeat.functions.csv.ValidatedRowReader;
import io.backbeat.functions.quarantine.QuarantineWriter;
import io.backbeat.functions.quarantine.RejectedRow;
import io.backbeat.functions.quarantine.StageReportWriter;
import io.backbeat.functions.stage.ObjectStage;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Transform: adds the derived columns to validated rows (already normalized by validate), keeps the first row of each
 * natural key (later repeats go to the quarantine as {@code duplicate_key}, with the raw line of the row they repeat)
 * and writes the staged object, zstd-compressed CSV with a header, which Redshift {@code COPY} loads as it is.
 *
 * <pre>{@code
 * ObjectStage transform = TransformStage.withMemory(64 << 20, Path.of("/tmp"));
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

    /**
     * What one indexed key costs on the heap, for the longest keys of the datasets (a play's, 47 bytes): its entry in
     * the arena (line, length and key: 57 bytes) and 11 to 22 bytes of table (8 a slot, three quarters to three eighths
     * of the slots in use; 13 for 10 million keys), with room to spare for the arena's last, partly used page.
     */
    public static final long BYTES_PER_KEY = 88;

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
        DerivedColumns derived = DerivedColumns.of(dataset);
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
                DuplicateFilter filter = new DuplicateFilter(
                        keyBudget, spillDirectory, new Routing(staged, quarantine, naturalKeyLabel(contract)))) {
            staged.write(contract.stagedColumns().stream().map(Column::name).toList());
            ValidatedRowReader row = new ValidatedRowReader(input.stream(), contract, key.key());
            int columns = row.columns();
            int[] keyIndexes = contract.naturalKeyIndexes();
            int keyLeadsUpTo = keyLeadsUpTo(keyIndexes);
            while (row.next()) {
                rowsIn++;
                StagedRecord record = filter.next();
                record.reset();
                byte[] bytes = row.bytes();
                boolean quoteFree = row.quoteFree();
                for (int c = 0; c < columns; c++) {
                    if (quoteFree) {
                        record.fieldAsIs(bytes, row.start(c), row.length(c));
                    } else {
                        record.field(bytes, row.start(c), row.length(c));
                    }
                    if (c == keyLeadsUpTo) {
                        record.keyIsLineSoFar();
                    }
                }
                if (keyLeadsUpTo < 0) {
                    for (int index : keyIndexes) {
                        record.keyPart(bytes, row.start(index), row.length(index));
                    }
                }
                derived.append(row, record);
                record.endLine();
                filter.commit(row.line(), remainingRows(rowsIn, input.storedBytesRead(), object.size()));
            }
            filter.finish();
            bytesIn = input.storedBytesRead();
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

    /**
     * The last key column when the natural key is the row's first columns in order (then the start of the staged line
     * is the key: {@link StagedRecord#keyIsLineSoFar}), or -1.
     */
    static int keyLeadsUpTo(int[] keyIndexes) {
        for (int i = 0; i < keyIndexes.length; i++) {
            if (keyIndexes[i] != i) {
                return -1;
            }
        }
        return keyIndexes.length - 1;
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
        public void first(byte[] record, int length, long line) throws IOException {
            staged.writeEncoded(record, length);
        }

        @Override
        public void repeat(byte[] record, int length, long line, long firstLine) throws IOException {
            String raw = new String(record, 0, length - 1, StandardCharsets.UTF_8); // without the line feed
            quarantine.reject(new RejectedRow(line, keyLabel, ReasonCode.DUPLICATE_KEY,
                    "repeats the natural key (" + keyLabel.replace("+", ", ") + ") of line " + firstLine
                            + "; the first row was kept",
                    raw));
        }
    }
}
