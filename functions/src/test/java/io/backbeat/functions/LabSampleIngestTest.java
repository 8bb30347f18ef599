package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.functions.ledger.LedgerItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lab sample through the real validate and transform handlers on the local cloud, checked against
 * a reference computed here from the raw files (read with FastCSV, normalized with plain string
 * handling and java.time), not with the code under test.
 */
class LabSampleIngestTest {
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static Path lab;
    private final IngestHarness harness = new IngestHarness();

    @TempDir
    Path spill;

    @BeforeAll
    static void extractLabSample(@TempDir Path directory) {
        lab = LabSample.extractTo(directory);
    }

    @ParameterizedTest
    @CsvSource({"users, users.csv", "songs, songs.csv", "streams, streams1.csv", "streams, streams2.csv", "streams, streams3.csv"})
    void everyRowIsStagedAsTheReferenceSays(String dataset, String file) throws IOException {
        List<List<String>> expected = reference(dataset, lab.resolve(file));
        String rawKey = "raw/" + dataset + "/lab/" + file;

        S3Event upload = harness.upload(rawKey, lab.resolve(file));
        harness.validate().handleRequest(upload, null);
        S3Event validated = harness.event(ZoneKey.parse(rawKey).validated().key());
        harness.transform(spill).handleRequest(validated, null);

        long dataLines = dataRows(lab.resolve(file));
        LedgerItem validateEntry = harness.ledger(upload, Stage.VALIDATE).orElseThrow();
        assertThat(validateEntry.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(validateEntry.rowsIn()).isEqualTo(dataLines);
        assertThat(validateEntry.rowsValid()).isEqualTo(dataLines);
        assertThat(validateEntry.rowsRejected()).isZero();
        LedgerItem transformEntry = harness.ledger(validated, Stage.TRANSFORM).orElseThrow();
        assertThat(transformEntry.rowsIn()).isEqualTo(dataLines);
        assertThat(transformEntry.rowsValid()).isEqualTo(expected.size() - 1);
        assertThat(transformEntry.rowsIn()).isEqualTo(transformEntry.rowsValid() + transformEntry.rowsRejected());
        assertThat(harness.compressedCsv(ZoneKey.parse(rawKey).validated().staged().key())).isEqualTo(expected);
        assertThat(harness.keys("quarantine/")).isEmpty();
    }

    @Test
    void gzipUploadStagesTheSameRowsAsThePlainFile() throws IOException {
        Path file = lab.resolve("streams2.csv");
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(Files.readAllBytes(file));
        }

        S3Event upload = harness.upload("raw/streams/lab/streams2.csv.gz", gzip.toByteArray());
        harness.validate().handleRequest(upload, null);
        harness.transform(spill).handleRequest(harness.event("validated/streams/lab/streams2.csv.gz.zst"), null);

        assertThat(harness.compressedCsv("staged/streams/lab/streams2.csv.gz.zst")).isEqualTo(reference("streams", file));
    }

    @Test
    void transformSpillingToDiskStagesTheSameRows() throws IOException {
        Path file = lab.resolve("streams3.csv");
        List<List<String>> expected = reference("streams", file);

        S3Event upload = harness.upload("raw/streams/lab/streams3.csv", file);
        harness.validate().handleRequest(upload, null);
        // 64 KiB holds a few hundred keys: the other ~11,000 rows go through spill files.
        harness.transform(64 * 1024, spill).handleRequest(harness.event("validated/streams/lab/streams3.csv.zst"), null);

        List<List<String>> staged = harness.compressedCsv("staged/streams/lab/streams3.csv.zst");
        assertThat(staged.get(0)).isEqualTo(expected.get(0));
        assertThat(new HashSet<>(staged)).isEqualTo(new HashSet<>(expected));
        assertThat(staged).hasSameSizeAs(expected);
        try (var leftovers = Files.list(spill)) {
            assertThat(leftovers).as("spill files are removed").isEmpty();
        }
    }

    @Test
    void aValidatedObjectOfThePreviousLayoutLeftFromBeforeAnUpgradeIsStagedAsTheReferenceSays() throws IOException {
        Path file = lab.resolve("streams1.csv");
        String rawKey = "raw/streams/lab/upgrade/streams1.csv";
        harness.validate().handleRequest(harness.upload(rawKey, file), null);
        String validatedKey = ZoneKey.parse(rawKey).validated().key();
        List<List<String>> rows = harness.validatedRows(validatedKey);

        // The object as the previous release's validate wrote it (layout 2: no quote-free mark), put in its place.
        S3Event leftOver = harness.upload(validatedKey, layout2(rows));
        harness.transform(spill).handleRequest(leftOver, null);

        assertThat(harness.ledger(leftOver, Stage.TRANSFORM).orElseThrow().status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(harness.compressedCsv(ZoneKey.parse(rawKey).validated().staged().key()))
                .isEqualTo(reference("streams", file));
    }

    /** Validated rows (line, then values) in layout 2, byte for byte: header, then the line and each value's length and bytes. */
    private static byte[] layout2(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("backbeat-validated-rows 2\nuser_id,track_id,listen_time\n".getBytes(StandardCharsets.UTF_8));
        for (List<String> row : rows) {
            varint(out, Long.parseLong(row.get(0)));
            for (String value : row.subList(1, row.size())) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                varint(out, bytes.length);
                out.writeBytes(bytes);
            }
        }
        return com.github.luben.zstd.Zstd.compress(out.toByteArray());
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static long dataRows(Path file) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            return reader.stream().count() - 1;
        }
    }

    /** Staged rows (header first) worked out from the raw file without the code under test. */
    static List<List<String>> reference(String dataset, Path file) throws IOException {
        List<List<String>> records;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            records = reader.stream().map(CsvRecord::getFields).toList();
        }
        Map<String, List<String>> firstByKey = new LinkedHashMap<>();
        List<String> header;
        for (List<String> fields : records.subList(1, records.size())) {
            List<String> v = fields.stream().map(String::strip).toList();
            List<String> row;
            String key;
            switch (dataset) {
                case "users" -> {
                    row = List.of(Long.toString(Long.parseLong(v.get(0))), v.get(1), v.get(2).isEmpty() ? "" : Integer.toString(Integer.parseInt(v.get(2))), v.get(3), v.get(4));
                    key = row.get(0);
                }
                case "songs" -> {
                    List<String> credits = new ArrayList<>();
                    for (String credit : v.get(1).split(";")) {
                        if (!credit.isBlank() && !credits.contains(credit.strip())) {
                            credits.add(credit.strip());
                        }
                    }
                    row = List.of(v.get(0), String.join(";", credits), v.get(2), v.get(3), Integer.toString(Integer.parseInt(v.get(4))),
                            Integer.toString(Integer.parseInt(v.get(5))), v.get(6).toLowerCase(Locale.ROOT));
                    key = row.get(0);
                }
                default -> {
                    LocalDateTime time = LocalDateTime.parse(v.get(2), CANONICAL);
                    row = List.of(Long.toString(Long.parseLong(v.get(0))), v.get(1), time.format(CANONICAL),
                            time.toLocalDate().toString(), Integer.toString(time.getHour()));
                    key = row.get(0) + "|" + row.get(1) + "|" + row.get(2);
                }
            }
            firstByKey.putIfAbsent(key, row);
        }
        header = switch (dataset) {
            case "users" -> List.of("user_id", "user_name", "user_age", "user_country", "created_at");
            case "songs" -> List.of("track_id", "artists", "album_name", "track_name", "popularity", "duration_ms", "track_genre");
            default -> List.of("user_id", "track_id", "listen_time", "listen_date", "listen_hour");
        };
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        rows.addAll(firstByKey.values());
        Set<String> unique = new HashSet<>();
        rows.forEach(r -> unique.add(String.join(",", r)));
        assertThat(unique).hasSize(rows.size());
        return rows;
    }
}
