package io.backbeat.functions.validate;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.backbeat.events.Dataset;
import io.backbeat.events.FileRejectionCode;
import io.backbeat.events.InputFormat;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.functions.csv.CorruptInputException;
import io.backbeat.functions.csv.CsvFields;
import io.backbeat.functions.csv.CsvRecords;
import io.backbeat.functions.csv.DecodedInput;
import io.backbeat.functions.csv.ValidatedRowWriter;
import io.backbeat.functions.quarantine.QuarantineWriter;
import io.backbeat.functions.quarantine.RejectedRow;
import io.backbeat.functions.quarantine.StageReportWriter;
import io.backbeat.functions.stage.FileRejectedException;
import io.backbeat.functions.stage.ObjectStage;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validate: streams a raw object through its contract, writing valid rows to {@code validated/} and
 * rejected rows with a report to {@code quarantine/}. Every row read ends up in exactly one of them.
 *
 * <pre>{@code
 * StageResult result = new ValidateStage().process(ZoneKey.parse("raw/streams/day.csv"), ObjectVersion.ANY, store);
 * result.rowsIn() == result.rowsValid() + result.rowsRejected(); // always
 * }</pre>
 */
public final class ValidateStage implements ObjectStage {

    @Override
    public Stage stage() {
        return Stage.VALIDATE;
    }

    @Override
    public StageResult process(ZoneKey key, ObjectVersion version, ObjectStore store) throws IOException {
        String source = store.locate(key.key());
        StoredObject object = store.open(key.key(), version);
        Dataset dataset = key.dataset().orElse(null);
        if (dataset == null) {
            try (var ignored = object.content()) {
                return rejected(key, Dataset.STREAMS, source, 0, 0, store, new FileRejectedException(
                        FileRejectionCode.UNKNOWN_DATASET, "'" + key.datasetName() + "' is not a dataset; upload under "
                                + "raw/users/, raw/songs/, raw/streams/, raw/events/ or raw/catalog/"));
            }
        }
        return new Run(key, dataset, source, object, store).execute();
    }

    /** One object's validation; holds the per-object state. */
    private static final class Run {
        private final ZoneKey key;
        private final Dataset dataset;
        private final DatasetContract contract;
        private final String source;
        private final StoredObject object;
        private final ObjectStore store;
        private final QuarantineWriter quarantine;
        private final RowNormalizer normalizer;
        private ValidatedRowWriter validated;
        private long rowsIn;
        private long rowsValid;

        Run(ZoneKey key, Dataset dataset, String source, StoredObject object, ObjectStore store) {
            this.key = key;
            this.dataset = dataset;
            this.contract = dataset.contract();
            this.source = source;
            this.object = object;
            this.store = store;
            this.quarantine = new QuarantineWriter(store, key.quarantineRejects(Stage.VALIDATE).key());
            this.normalizer = RowNormalizer.of(dataset);
        }

        StageResult execute() throws IOException {
            DecodedInput input = null;
            try {
                input = DecodedInput.of(object.content());
                TextSniffer.requireText(input, dataset.inputFormat());
                FieldsSeen fields = dataset.inputFormat() == InputFormat.JSON_LINES ? readJsonLines(input) : readRows(input);
                return finish(fields, input.storedBytesRead());
            } catch (FileRejectedException e) {
                discardOutputs();
                return rejected(key, dataset, source, rowsIn, bytesRead(input), store, e);
            } catch (CorruptInputException e) {
                discardOutputs();
                return rejected(key, dataset, source, rowsIn, bytesRead(input), store,
                        new FileRejectedException(e.code(), e.getMessage() + rowsNote(), e));
            } catch (IOException | RuntimeException e) {
                discardOutputs();
                throw e;
            } finally {
                if (input != null) {
                    input.close();
                } else {
                    object.content().close();
                }
            }
        }

        private FieldsSeen readRows(DecodedInput input) throws IOException {
            try (CsvReader<CsvFields> reader = CsvRecords.fields(input.stream())) {
                Iterator<CsvFields> records = reader.iterator();
                if (!records.hasNext()) {
                    throw new FileRejectedException(FileRejectionCode.EMPTY_OBJECT,
                            "the object holds only blank lines; expected a header line and rows");
                }
                HeaderMapping mapping = HeaderMapping.resolve(contract, records.next().texts());
                RowValidator validator = new RowValidator(contract, mapping);
                while (records.hasNext()) {
                    CsvFields record = records.next();
                    rowsIn++;
                    if (validator.isCanonical(record)) {
                        validator.writeCanonical(record, validatedWriter());
                        rowsValid++;
                        continue;
                    }
                    var rejection = validator.check(record);
                    if (rejection == null) {
                        validatedWriter().row(record.line(), normalizer.normalize(validator.values()));
                        rowsValid++;
                    } else {
                        quarantine.reject(rejection);
                    }
                }
                if (rowsIn == 0) {
                    throw new FileRejectedException(FileRejectionCode.NO_DATA_ROWS,
                            "the object has a header line but no data rows");
                }
                return new FieldsSeen(mapping.driftColumns(), mapping.ignoredColumns());
            } catch (UncheckedIOException e) {
                throw e.getCause(); // FastCSV wraps read failures; the cause says whether it is bad data
            } catch (CsvParseException e) {
                throw new FileRejectedException(FileRejectionCode.MALFORMED_CSV, e.getMessage()
                        + "; a quoted field is probably never closed: check the quotes near that line" + rowsNote(), e);
            }
        }

        /** A JSON-lines object: blank lines skipped, every other line holds its dataset's rows (an event: one). */
        private FieldsSeen readJsonLines(DecodedInput input) throws IOException {
            JsonLineValidator validator = JsonLineValidator.of(dataset);
            JsonLines lines = new JsonLines(input.stream(), validator.maxLineBytes());
            JsonLineValidator.Rows rows = new JsonLineValidator.Rows() {
                @Override
                public void valid(String[] row) throws IOException {
                    rowsIn++;
                    rowsValid++;
                    String[] values = normalizer.normalize(java.util.Arrays.copyOfRange(row, 1, row.length));
                    validatedWriter().row(Long.parseLong(row[0]), values);
                }

                @Override
                public void rejected(RejectedRow row) throws IOException {
                    rowsIn++;
                    quarantine.reject(row);
                }
            };
            boolean anyLine = false;
            while (lines.next()) {
                if (!lines.blank()) {
                    anyLine = true;
                    validator.check(lines.number(), lines.bytes(), lines.length(), lines.truncated(), rows);
                }
            }
            if (!anyLine) {
                throw new FileRejectedException(FileRejectionCode.EMPTY_OBJECT,
                        "the object holds only blank lines; expected one JSON object per line");
            }
            return new FieldsSeen(validator.driftFields(), validator.ignoredFields());
        }

        private ValidatedRowWriter validatedWriter() throws IOException {
            if (validated == null) {
                validated = ValidatedRowWriter.of(store.create(key.validated().key(), "application/zstd"), contract);
            }
            return validated;
        }

        private StageResult finish(FieldsSeen fields, long bytesIn) throws IOException {
            List<String> outputs = new ArrayList<>();
            long bytesOut = 0;
            if (validated != null) {
                validated.close();
                outputs.add(store.locate(validated.key()));
                bytesOut += validated.bytesWritten();
            }
            quarantine.close();
            if (quarantine.writtenKey() != null) {
                outputs.add(store.locate(quarantine.writtenKey()));
                bytesOut += quarantine.bytesWritten();
            }
            boolean worthReporting = quarantine.rows() > 0 || !fields.drift().isEmpty();
            String reportKey = key.quarantineReport(Stage.VALIDATE).key();
            if (worthReporting) {
                outputs.add(store.locate(reportKey));
            }
            StageResult result = new StageResult(Stage.VALIDATE, dataset, source, rowsIn, rowsValid, quarantine.rows(),
                    quarantine.counts(), null, bytesIn, bytesOut, outputs, fields.drift(), fields.ignored(), List.of());
            if (worthReporting) {
                StageReportWriter.write(store, reportKey, result, quarantine.samples());
            }
            return result;
        }

        private void discardOutputs() {
            if (validated != null) {
                validated.abort();
            }
            quarantine.abort();
        }

        private String rowsNote() {
            return rowsIn == 0 ? "" : " (after " + rowsIn + " rows; the whole object is rejected so that no partial file is loaded)";
        }

        private static long bytesRead(DecodedInput input) {
            return input == null ? 0 : input.storedBytesRead();
        }
    }

    /** Input columns (CSV) or fields (JSON lines) outside the contract: drift is reported, ignored ones are expected. */
    private record FieldsSeen(List<String> drift, List<String> ignored) {}

    /** A whole-object rejection: every row read counts as rejected, and the report says why. */
    static StageResult rejected(ZoneKey key, Dataset dataset, String source, long rowsRead, long bytesIn,
            ObjectStore store, FileRejectedException rejection) throws IOException {
        String reportKey = key.quarantineReport(Stage.VALIDATE).key();
        StageResult result = new StageResult(Stage.VALIDATE, dataset, source, rowsRead, 0, rowsRead, Map.of(),
                rejection.rejection(), bytesIn, 0, List.of(store.locate(reportKey)), List.of(), List.of(), List.of());
        StageReportWriter.write(store, reportKey, result, List.of());
        return result;
    }
}
