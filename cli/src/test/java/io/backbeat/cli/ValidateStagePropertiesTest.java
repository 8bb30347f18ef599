package io.backbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import de.siegmar.fastcsv.reader.CsvReader;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.transform.TransformStage;
import io.backbeat.functions.validate.ValidateStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the bytes, validate and transform neither crash nor lose a row, and every value they stage fits its
 * warehouse column in UTF-8 bytes (a longer one would fail the whole object's COPY on Redshift).
 */
class ValidateStagePropertiesTest {
    private static final String[] HEADERS = {"user_id,track_id,listen_time", "user_id,user_name,user_age,user_country,created_at",
        "track_id,artists,album_name,track_name,popularity,duration_ms,track_genre"};
    private static final String[] DATASETS = {"streams", "users", "songs"};

    @Property(tries = 300)
    void arbitraryBytesNeverCrashAndEveryRowIsAccountedFor(@ForAll @Size(max = 3000) byte[] content, @ForAll("datasets") int dataset)
            throws IOException {
        checkAccounting(content, dataset);
    }

    @Property(tries = 300)
    void csvLikeTextNeverCrashesAndEveryRowIsAccountedFor(@ForAll("csvLike") String body, @ForAll("datasets") int dataset)
            throws IOException {
        checkAccounting((HEADERS[dataset] + "\n" + body).getBytes(StandardCharsets.UTF_8), dataset);
    }

    @Property(tries = 100)
    void damagedGzipNeverCrashes(@ForAll("csvLike") String body, @ForAll int flipAt, @ForAll("datasets") int dataset) throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write((HEADERS[dataset] + "\n" + body).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = gzip.toByteArray();
        int position = Math.floorMod(flipAt, bytes.length);
        bytes[position] ^= (byte) 0xff;
        checkAccounting(bytes, dataset);
    }

    @Property(tries = 100)
    void songsWhoseGenresGrowWhenLowerCasedStageOnlyGenresThatFit(@ForAll("growingGenres") java.util.List<String> genres)
            throws IOException {
        StringBuilder csv = new StringBuilder(HEADERS[2]).append('\n');
        for (int i = 0; i < genres.size(); i++) {
            csv.append(String.format("%022d", i)).append(",Ann,Album,Track,50,1000,").append(genres.get(i)).append('\n');
        }
        checkAccounting(csv.toString().getBytes(StandardCharsets.UTF_8), 2);
    }

    @Provide
    Arbitrary<java.util.List<String>> growingGenres() {
        // Ⱥ and Ⱦ are 2 bytes and their lower case 3; İ grows from 2 bytes to 3 (i and a combining dot).
        return Arbitraries.strings().withChars("ȺȾİaB ").ofMinLength(1).ofMaxLength(70).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<Integer> datasets() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<String> csvLike() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789-+ :.TZ").ofMaxLength(25),
                Arbitraries.strings().withChars("abcXYZ019é名🎵").ofMinLength(22).ofMaxLength(22),
                // Letters whose lower case is longer in UTF-8 (Ⱥ 2 bytes, ⱥ 3), up to and past a genre's 64 bytes.
                Arbitraries.strings().withChars("ȺȾİa").ofMinLength(20).ofMaxLength(70),
                Arbitraries.strings().withChars("a,\"\n\r;\t \u0000\uFFFD").ofMaxLength(8),
                Arbitraries.of("1", "42", "2024-06-25 10:00:00", "2024-01-01", "4dBa8T7oDV9WvGr7kVS4Ez", "", "\"quoted, \"\"x\"\"\""));
        Arbitrary<String> line = field.list().ofMinSize(1).ofMaxSize(9).map(fields -> String.join(",", fields));
        return Combinators.combine(line.list().ofMaxSize(40), Arbitraries.of("\n", "\r\n"))
                .as((lines, end) -> String.join(end, lines));
    }

    private static void checkAccounting(byte[] content, int dataset) throws IOException {
        Path out = Files.createTempDirectory("property");
        try {
            checkAccounting(content, dataset, out);
        } finally {
            try (var files = Files.walk(out)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void checkAccounting(byte[] content, int dataset, Path out) throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(out);
        ZoneKey raw = ZoneKey.parse("raw/" + DATASETS[dataset] + "/any.csv");

        Files.createDirectories(store.pathOf(raw.key()).getParent());
        Files.write(store.pathOf(raw.key()), content);
        StageResult validated = new ValidateStage().process(raw, ObjectVersion.ANY, store);

        assertThat(validated.rowsIn()).isEqualTo(validated.rowsValid() + validated.rowsRejected());
        if (validated.rejectedAsWhole()) {
            assertThat(validated.rowsValid()).isZero();
            assertThat(Files.exists(store.pathOf(raw.validated().key()))).isFalse();
            assertThat(Files.exists(store.pathOf(raw.quarantineReport(Stage.VALIDATE).key()))).isTrue();
            return;
        }
        Path validatedFile = store.pathOf(raw.validated().key());
        assertThat(validatedFile.toFile().exists()).isEqualTo(validated.rowsValid() > 0);
        Path rejects = store.pathOf(raw.quarantineRejects(Stage.VALIDATE).key());
        assertThat(records(rejects, false)).isEqualTo(validated.rowsRejected() == 0 ? 0 : validated.rowsRejected() + 1);
        if (validated.rowsValid() == 0) {
            return;
        }
        assertThat(validatedRows(validatedFile, raw)).isEqualTo(validated.rowsValid());

        StageResult transformed = new TransformStage(3, out).process(raw.validated(), ObjectVersion.ANY, store);

        assertThat(transformed.rowsIn()).isEqualTo(validated.rowsValid());
        assertThat(transformed.rowsIn()).isEqualTo(transformed.rowsValid() + transformed.rowsRejected());
        Path staged = store.pathOf(raw.validated().staged().key());
        assertThat(records(staged, true)).isEqualTo(transformed.rowsValid() + 1);
        assertEveryValueFitsItsColumn(staged, ZoneKey.parse(raw.key()).dataset().orElseThrow().contract().stagedColumns());
    }

    private static final java.util.regex.Pattern TEXT_TYPE = java.util.regex.Pattern.compile("(?:VAR)?CHAR\\((\\d+)\\)");

    private static void assertEveryValueFitsItsColumn(Path staged, java.util.List<io.backbeat.events.contract.Column> columns)
            throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(staged));
                CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader = CsvReader.builder().ofCsvRecord(in, StandardCharsets.UTF_8)) {
            reader.stream().skip(1).forEach(record -> {
                for (int i = 0; i < columns.size(); i++) {
                    java.util.regex.Matcher type = TEXT_TYPE.matcher(columns.get(i).type().warehouseType());
                    if (type.matches()) {
                        assertThat(record.getField(i).getBytes(StandardCharsets.UTF_8).length)
                                .as("%s of staged line %d", columns.get(i).name(), record.getStartingLineNumber())
                                .isLessThanOrEqualTo(Integer.parseInt(type.group(1)));
                    }
                }
            });
        }
    }

    /** Records in a file (header included), read with FastCSV directly; 0 when the file does not exist. */
    private static long validatedRows(Path file, ZoneKey raw) throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            var rows = new io.backbeat.functions.csv.ValidatedRowReader(in, raw.dataset().orElseThrow().contract(), file.toString());
            long count = 0;
            while (rows.next()) {
                count++;
            }
            return count;
        }
    }

    private static long records(Path file, boolean zstd) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (InputStream in = zstd ? new ZstdInputStream(Files.newInputStream(file)) : Files.newInputStream(file);
                CsvReader<?> reader = CsvReader.builder().ofCsvRecord(in, StandardCharsets.UTF_8)) {
            return reader.stream().count();
        }
    }
}
