package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
    private static final GeneratorOptions SMALL =
            GeneratorOptions.builder().users(200).songs(300).plays(3_000).days(3).build();

    @TempDir
    Path temp;

    @Nested
    class Determinism {
        @Test
        void generate_writesByteIdenticalFilesForTheSameOptions() throws IOException {
            GeneratorOptions options = withAllErrors(SMALL.toBuilder().streamFiles(2)).build();

            GenerationManifest first = DatasetGenerator.generate(options, temp.resolve("a"));
            GenerationManifest second = DatasetGenerator.generate(options, temp.resolve("b"));

            assertThat(hashes(temp.resolve("b"))).isEqualTo(hashes(temp.resolve("a"))).hasSize(5);
            assertThat(second.toJson()).isEqualTo(first.toJson());
        }

        @Test
        void generate_writesDifferentRowsForAnotherSeed() throws IOException {
            DatasetGenerator.generate(SMALL, temp.resolve("a"));
            DatasetGenerator.generate(SMALL.toBuilder().seed(43).build(), temp.resolve("b"));

            Map<String, String> a = hashes(temp.resolve("a"));
            Map<String, String> b = hashes(temp.resolve("b"));
            assertThat(a.keySet()).isEqualTo(b.keySet());
            a.forEach((file, hash) -> assertThat(b.get(file)).as(file).isNotEqualTo(hash));
        }
    }

    @Nested
    class OutputFiles {
        @Test
        void generate_splitsPlaysOverNumberedStreamsFilesWithContractHeaders() throws IOException {
            GenerationManifest manifest =
                    DatasetGenerator.generate(SMALL.toBuilder().streamFiles(3).build(), temp);

            assertThat(manifest.files()).extracting(GeneratedFile::path)
                    .containsExactly("users.csv", "songs.csv", "streams-01.csv", "streams-02.csv", "streams-03.csv");
            assertThat(manifest.filesOf(Dataset.STREAMS)).extracting(GeneratedFile::rows)
                    .containsExactly(1_000L, 1_000L, 1_000L);
            assertThat(manifest.file("users.csv").rows()).isEqualTo(200);
            assertThat(manifest.file("songs.csv").rows()).isEqualTo(300);
            assertThat(Files.readAllLines(temp.resolve("streams-02.csv")).getFirst())
                    .isEqualTo("user_id,track_id,listen_time");
            assertThat(Files.readAllLines(temp.resolve("songs.csv")).getFirst())
                    .isEqualTo("track_id,artists,album_name,track_name,popularity,duration_ms,track_genre");
            assertThat(Files.readAllLines(temp.resolve("users.csv")).getFirst())
                    .isEqualTo("user_id,user_name,user_age,user_country,created_at");
        }

        @Test
        void generate_withoutInjection_writesOnlyRowsThatPassEveryCheck() {
            GenerationManifest manifest = DatasetGenerator.generate(SMALL.toBuilder().events(2_000).build(), temp);

            assertThat(manifest.files()).hasSize(4);
            for (GeneratedFile file : manifest.files()) {
                if (file.dataset() == Dataset.EVENTS) {
                    EventsReference.Report report = EventsReference.validate(temp.resolve(file.path()));
                    assertThat(report.rejections()).as(file.path()).isEmpty();
                    assertThat(report.rows()).as(file.path()).isEqualTo(file.rows()).isEqualTo(2_000);
                    assertThat(report.outcome()).as(file.path()).isEqualTo(file.expected());
                    continue;
                }
                ReferenceValidator.Report report =
                        ReferenceValidator.validate(temp.resolve(file.path()), file.dataset(), songIds(temp));
                assertThat(report.rejections()).as(file.path()).isEmpty();
                assertThat(report.duplicates()).as(file.path()).isZero();
                assertThat(report.rows()).as(file.path()).isEqualTo(file.rows());
                assertThat(report.outcome()).as(file.path()).isEqualTo(file.expected());
            }
        }

        @Test
        void generate_splitsEventsOverNumberedFilesInTimeOrder() {
            GenerationManifest manifest =
                    DatasetGenerator.generate(SMALL.toBuilder().events(3_000).eventFiles(3).build(), temp);

            assertThat(manifest.filesOf(Dataset.EVENTS)).extracting(GeneratedFile::path)
                    .containsExactly("events-01.ndjson", "events-02.ndjson", "events-03.ndjson");
            assertThat(manifest.filesOf(Dataset.EVENTS)).extracting(GeneratedFile::rows)
                    .containsExactly(1_000L, 1_000L, 1_000L);
            long lastOfPrevious = 0;
            for (GeneratedFile file : manifest.filesOf(Dataset.EVENTS)) {
                List<Long> times = EventsReference.validate(temp.resolve(file.path())).validEvents().stream()
                        .map(EventsReference.Event::ts).toList();
                assertThat(times).isSorted();
                assertThat(times.getFirst()).isGreaterThanOrEqualTo(lastOfPrevious);
                lastOfPrevious = times.getLast();
            }
        }

        @Test
        void generate_withoutEvents_writesNoEventsFile() throws IOException {
            DatasetGenerator.generate(SMALL, temp);

            assertThat(hashes(temp).keySet()).containsExactly("songs.csv", "streams.csv", "users.csv");
        }

        @Test
        void generate_gzipped_writesTheSameCsvCompressed() throws IOException {
            GeneratorOptions options = withAllErrors(SMALL.toBuilder()).build();
            GenerationManifest plain = DatasetGenerator.generate(options, temp.resolve("plain"));
            GenerationManifest gzipped =
                    DatasetGenerator.generate(options.toBuilder().gzip(true).build(), temp.resolve("gz"));

            assertThat(gzipped.files()).extracting(GeneratedFile::path)
                    .containsExactly("users.csv.gz", "songs.csv.gz", "streams.csv.gz", "events.ndjson.gz");
            for (int i = 0; i < plain.files().size(); i++) {
                Path csv = temp.resolve("plain").resolve(plain.files().get(i).path());
                Path gz = temp.resolve("gz").resolve(gzipped.files().get(i).path());
                try (InputStream in = ReferenceValidator.open(gz)) {
                    assertThat(in.readAllBytes()).as(gz.toString()).isEqualTo(Files.readAllBytes(csv));
                }
                assertThat(gzipped.files().get(i).expected()).isEqualTo(plain.files().get(i).expected());
            }
        }

        @Test
        void generate_createsMissingOutputDirectories() {
            Path nested = temp.resolve("a/b/c");

            DatasetGenerator.generate(SMALL, nested);

            assertThat(nested.resolve("streams.csv")).isRegularFile();
        }
    }

    @Nested
    class Manifest {
        @Test
        void manifest_roundTripsThroughJsonWithCodesAsNames() {
            GenerationManifest manifest =
                    DatasetGenerator.generate(withAllErrors(SMALL.toBuilder()).build(), temp);

            String json = manifest.toJson();

            assertThat(GenerationManifest.fromJson(json)).isEqualTo(manifest);
            assertThat(json)
                    .contains("\"dataset\":\"streams\"", "\"valid_rows\":", "\"orphan_plays\":", "\"bad_track_id\":2")
                    .doesNotContain("BAD_TRACK_ID", "STREAMS");
        }

        @Test
        void fromJson_rejectsAnUnknownReasonCode() {
            String json = "{\"seed\":1,\"files\":[{\"path\":\"users.csv\",\"dataset\":\"users\",\"rows\":1,"
                    + "\"expected\":{\"valid_rows\":0,\"rejected_rows\":{\"bad_mood\":1},\"duplicates\":0,"
                    + "\"orphan_plays\":0}}]}";

            assertThatThrownBy(() -> GenerationManifest.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a generation manifest");
        }

        @Test
        void file_namesTheListedFilesWhenAskedForAnother() {
            GenerationManifest manifest = DatasetGenerator.generate(SMALL, temp);

            assertThatThrownBy(() -> manifest.file("plays.csv"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("manifest lists no file plays.csv; it lists [users.csv, songs.csv, streams.csv]");
        }
    }

    @Test
    void generate_refusesMorePlaysThanUsersCanMakeBeforeWritingAnything() {
        GeneratorOptions crowded = GeneratorOptions.builder().users(1).days(1).plays(100_000).build();

        assertThatThrownBy(() -> DatasetGenerator.generate(crowded, temp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("plays 100000 do not fit 1 users over 1 days")
                .hasMessageEndingWith("raise users or days");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    /** 600 events, and two rows of every kind each dataset supports, and two duplicates. */
    static GeneratorOptions.Builder withAllErrors(GeneratorOptions.Builder builder) {
        for (Dataset dataset : List.of(Dataset.USERS, Dataset.SONGS, Dataset.STREAMS)) {
            Defects defects = new Defects(dataset.contract());
            ErrorInjection injection = ErrorInjection.none().withDuplicates(2);
            for (ReasonCode reason : ReasonCode.values()) {
                if (defects.supports(reason)) {
                    injection = injection.withRejected(reason, 2);
                }
            }
            builder.errors(dataset, injection);
        }
        ErrorInjection events = ErrorInjection.none().withDuplicates(2);
        for (ReasonCode reason : EventDefects.supported()) {
            events = events.withRejected(reason, 2);
        }
        return builder.events(600).errors(Dataset.EVENTS, events);
    }

    static Set<String> songIds(Path directory) {
        Path songs = directory.resolve("songs.csv");
        if (!Files.exists(songs)) {
            songs = directory.resolve("songs.csv.gz");
        }
        return ReferenceValidator.validate(songs, Dataset.SONGS).validRecords().stream()
                .map(fields -> fields.getFirst())
                .collect(Collectors.toSet());
    }

    static Map<String, String> hashes(Path directory) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                hashes.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
