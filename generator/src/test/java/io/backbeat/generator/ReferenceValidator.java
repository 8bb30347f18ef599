package io.backbeat.generator;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.StreamsContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Backbeat's row validation as the brief states it, written independently of the generator: a different
 * field count is {@code wrong_field_count}; otherwise the first failing column decides, checking U+FFFD or
 * NUL, then blank required values, then the contract type on the stripped value. Valid rows whose natural
 * key repeats are duplicates.
 */
final class ReferenceValidator {
    private ReferenceValidator() {}

    record Rejection(long row, ReasonCode reason, List<ReasonCode> failedChecks, List<String> fields) {}

    record Report(
            long rows, long validRows, Map<ReasonCode, Long> rejectedRows, long duplicates, long orphanPlays,
            List<Rejection> rejections, List<List<String>> validRecords) {

        ExpectedOutcome outcome() {
            return new ExpectedOutcome(validRows, rejectedRows, duplicates, orphanPlays);
        }
    }

    static Report validate(Path file, Dataset dataset) {
        return validate(file, dataset, Set.of());
    }

    /** {@code songIds}: the listed tracks, to count orphan plays in streams. */
    static Report validate(Path file, Dataset dataset, Set<String> songIds) {
        DatasetContract contract = dataset.contract();
        int[] keyColumns = contract.naturalKeyIndexes();
        int trackColumn = contract.indexOf(StreamsContract.TRACK_ID).orElse(-1);
        Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        List<Rejection> rejections = new ArrayList<>();
        List<List<String>> validRecords = new ArrayList<>();
        Set<List<String>> keys = new HashSet<>();
        long rows = 0;
        long valid = 0;
        long duplicates = 0;
        long orphans = 0;
        List<CsvRecord> records = records(file);
        for (CsvRecord record : records.subList(1, records.size())) {
            rows++;
            List<String> fields = record.getFields();
            List<ReasonCode> failed = failedChecks(contract, fields);
            if (!failed.isEmpty()) {
                rejected.merge(failed.getFirst(), 1L, Long::sum);
                rejections.add(new Rejection(rows, failed.getFirst(), failed, fields));
                continue;
            }
            valid++;
            validRecords.add(fields);
            List<String> key = new ArrayList<>();
            for (int column : keyColumns) {
                key.add(normalizedKeyPart(contract.columns().get(column), fields.get(column)));
            }
            if (!keys.add(key)) {
                duplicates++;
            } else if (dataset == Dataset.STREAMS && !songIds.contains(fields.get(trackColumn).strip())) {
                orphans++;
            }
        }
        return new Report(rows, valid, rejected, duplicates, orphans, rejections, validRecords);
    }

    /**
     * Every check the row fails, in the order validation applies them; the first decides the reason. A
     * wrong field count is the only failure reported for its row.
     */
    static List<ReasonCode> failedChecks(DatasetContract contract, List<String> fields) {
        if (fields.size() != contract.columns().size()) {
            return List.of(ReasonCode.WRONG_FIELD_COUNT);
        }
        List<ReasonCode> failed = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            ReasonCode reason = check(contract.columns().get(i), fields.get(i));
            if (reason != null) {
                failed.add(reason);
            }
        }
        return failed;
    }

    static ReasonCode check(Column column, String raw) {
        if (raw.indexOf('\uFFFD') >= 0 || raw.indexOf('\u0000') >= 0) {
            return ReasonCode.BAD_ENCODING;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return column.optional() ? null : ReasonCode.MISSING_VALUE;
        }
        return column.type().check(value);
    }

    private static String normalizedKeyPart(Column column, String raw) {
        String value = raw.strip();
        return column.name().equals(StreamsContract.LISTEN_TIME) ? Long.toString(ListenTime.parse(value)) : value;
    }

    /** All records of a file, header first; invalid UTF-8 decodes to U+FFFD as in validation. */
    static List<CsvRecord> records(Path file) {
        try (Reader reader = new InputStreamReader(open(file), StandardCharsets.UTF_8);
                CsvReader<CsvRecord> csv = CsvReader.builder()
                        // Keep records with another field count as read: they are wrong_field_count rows.
                        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                        .ofCsvRecord(reader)) {
            return csv.stream().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }
}
