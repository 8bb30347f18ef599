package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorInjectionTest {
    private static final GeneratorOptions SMALL =
            GeneratorOptions.builder().users(120).songs(150).plays(900).days(2).build();
    private static final int COUNT = 13;

    @TempDir
    Path temp;

    static Stream<Arguments> supportedDefects() {
        return DefectsTest.supportedDefects();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedDefects")
    void generate_injectsExactlyTheRequestedRowsOfOneReason(Dataset dataset, ReasonCode reason) {
        GeneratorOptions options = SMALL.toBuilder()
                .errors(dataset, ErrorInjection.none().withRejected(reason, COUNT))
                .build();

        GenerationManifest manifest = DatasetGenerator.generate(options, temp);

        GeneratedFile file = manifest.filesOf(dataset).getFirst();
        ReferenceValidator.Report report = validate(file);
        assertThat(report.rejectedRows()).isEqualTo(Map.of(reason, (long) COUNT));
        assertThat(report.rejections()).allSatisfy(rejection -> assertThat(rejection.failedChecks())
                .as("row %d %s", rejection.row(), rejection.fields())
                .containsExactly(reason));
        assertThat(report.validRows()).isEqualTo(new DatasetSize(options).of(dataset));
        assertThat(report.outcome()).isEqualTo(file.expected());
    }

    @ParameterizedTest
    @EnumSource(value = Dataset.class, names = {"USERS", "SONGS", "STREAMS"})
    void generate_injectsExactDuplicatesOfEarlierGoodRows(Dataset dataset) {
        GeneratorOptions options = SMALL.toBuilder().errors(dataset, ErrorInjection.none().withDuplicates(COUNT)).build();

        GenerationManifest manifest = DatasetGenerator.generate(options, temp);

        GeneratedFile file = manifest.filesOf(dataset).getFirst();
        ReferenceValidator.Report report = validate(file);
        assertThat(report.duplicates()).isEqualTo(COUNT);
        assertThat(report.rejections()).isEmpty();
        assertThat(report.validRows()).isEqualTo(new DatasetSize(options).of(dataset) + COUNT);
        assertThat(file.expected().duplicates()).isEqualTo(COUNT);
        assertThat(report.outcome()).isEqualTo(file.expected());
    }

    @Test
    void generate_spreadsEveryReasonOverSeveralStreamsFilesAndReportsEachFileExactly() {
        GeneratorOptions options = DatasetGeneratorTest.withAllErrors(SMALL.toBuilder().streamFiles(3))
                .errors(Dataset.STREAMS, ErrorInjection.of(Map.of(
                        ReasonCode.WRONG_FIELD_COUNT, 7, ReasonCode.BAD_ENCODING, 5, ReasonCode.MISSING_VALUE, 4,
                        ReasonCode.BAD_INTEGER, 3, ReasonCode.OUT_OF_RANGE, 3, ReasonCode.BAD_TRACK_ID, 6,
                        ReasonCode.BAD_TIMESTAMP, 8), 9))
                .build();

        GenerationManifest manifest = DatasetGenerator.generate(options, temp);

        long duplicates = 0;
        long rejected = 0;
        for (GeneratedFile file : manifest.files()) {
            if (file.dataset() == Dataset.EVENTS) {
                assertThat(EventsReference.validate(temp.resolve(file.path())).outcome()).isEqualTo(file.expected());
                continue;
            }
            ReferenceValidator.Report report = validate(file);
            assertThat(report.outcome()).as(file.path()).isEqualTo(file.expected());
            assertThat(report.rows()).as(file.path()).isEqualTo(file.rows());
            assertThat(report.rejections()).allSatisfy(r -> assertThat(r.failedChecks()).hasSize(1));
            if (file.dataset() == Dataset.STREAMS) {
                duplicates += file.expected().duplicates();
                rejected += file.expected().totalRejected();
                assertThat(file.rows()).as("300 plays and a third of the 45 injected rows").isEqualTo(315);
            }
        }
        assertThat(duplicates).isEqualTo(9);
        assertThat(rejected).isEqualTo(36);
    }

    @Nested
    class Events {
        private static final int EVENTS = 1_500;

        @ParameterizedTest
        @MethodSource("io.backbeat.generator.ErrorInjectionTest#eventDefects")
        void generate_injectsExactlyTheRequestedLinesOfOneReason(ReasonCode reason) {
            GeneratorOptions options = SMALL.toBuilder().events(EVENTS)
                    .errors(Dataset.EVENTS, ErrorInjection.none().withRejected(reason, COUNT))
                    .build();

            GeneratedFile file = DatasetGenerator.generate(options, temp).file("events.ndjson");

            EventsReference.Report report = EventsReference.validate(temp.resolve(file.path()));
            assertThat(report.rejectedRows()).isEqualTo(Map.of(reason, (long) COUNT));
            assertThat(report.validRows()).isEqualTo(EVENTS);
            assertThat(report.rows()).isEqualTo(file.rows()).isEqualTo(EVENTS + COUNT);
            assertThat(report.outcome()).isEqualTo(file.expected());
        }

        @Test
        void generate_injectsExactCopiesOfEarlierGoodLines() throws Exception {
            GeneratorOptions options = SMALL.toBuilder().events(EVENTS)
                    .errors(Dataset.EVENTS, ErrorInjection.none().withDuplicates(COUNT))
                    .build();

            GeneratedFile file = DatasetGenerator.generate(options, temp).file("events.ndjson");

            EventsReference.Report report = EventsReference.validate(temp.resolve(file.path()));
            assertThat(report.duplicates()).isEqualTo(COUNT);
            assertThat(report.validRows()).isEqualTo(EVENTS + COUNT);
            assertThat(report.outcome()).isEqualTo(file.expected())
                    .isEqualTo(new ExpectedOutcome(EVENTS + COUNT, Map.of(), COUNT, 0));
            List<String> lines = java.nio.file.Files.readAllLines(temp.resolve(file.path()));
            assertThat(lines.stream().filter(line -> !line.isBlank()).distinct().count()).isEqualTo(EVENTS);
        }

        /** Many seeds over time: the seed is printed, so a failing one can be replayed. */
        @Test
        void generate_spreadsEveryReasonOverGzippedEventsFilesAndReportsEachExactly() {
            long seed = new java.util.Random().nextLong();
            System.out.println("ErrorInjectionTest.Events seed=" + seed);
            ErrorInjection injection = ErrorInjection.none().withDuplicates(7);
            for (ReasonCode reason : EventDefects.supported()) {
                injection = injection.withRejected(reason, 5);
            }
            GeneratorOptions options = SMALL.toBuilder().seed(seed).events(4_000).eventFiles(3).gzip(true)
                    .errors(Dataset.EVENTS, injection)
                    .build();

            GenerationManifest manifest = DatasetGenerator.generate(options, temp);

            long rejected = 0;
            long duplicates = 0;
            for (GeneratedFile file : manifest.filesOf(Dataset.EVENTS)) {
                EventsReference.Report report = EventsReference.validate(temp.resolve(file.path()));
                assertThat(report.outcome()).as("seed %d %s", seed, file.path()).isEqualTo(file.expected());
                assertThat(report.rows()).as("seed %d %s", seed, file.path()).isEqualTo(file.rows());
                rejected += file.expected().totalRejected();
                duplicates += file.expected().duplicates();
            }
            assertThat(manifest.filesOf(Dataset.EVENTS)).extracting(GeneratedFile::path)
                    .containsExactly("events-01.ndjson.gz", "events-02.ndjson.gz", "events-03.ndjson.gz");
            assertThat(rejected).isEqualTo(5L * EventDefects.supported().size());
            assertThat(duplicates).isEqualTo(7);
        }

        @Test
        void options_refuseAReasonNoEventsLineCanFailWith() {
            var builder = SMALL.toBuilder().events(10)
                    .errors(Dataset.EVENTS, ErrorInjection.none().withRejected(ReasonCode.BAD_DATE, 1));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("errors for events ask for bad_date, but no events line can fail with it"
                            + " (events can fail with ");
        }

        @Test
        void options_refuseEventErrorsWithoutEvents() {
            var builder = SMALL.toBuilder()
                    .errors(Dataset.EVENTS, ErrorInjection.none().withRejected(ReasonCode.BAD_JSON, 1));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("errors for events need an events file; events is 0 (set events)");
        }
    }

    static Stream<ReasonCode> eventDefects() {
        return EventDefects.supported().stream();
    }

    @Test
    void generate_placesInjectedRowsAmongTheGoodRowsNotAtTheEnd() {
        GeneratorOptions options = SMALL.toBuilder()
                .errors(Dataset.STREAMS, ErrorInjection.none().withRejected(ReasonCode.BAD_TRACK_ID, 4))
                .build();

        DatasetGenerator.generate(options, temp);

        assertThat(validate(temp.resolve("streams.csv"), Dataset.STREAMS).rejections())
                .extracting(ReferenceValidator.Rejection::row)
                .containsExactly(181L, 362L, 543L, 724L);
    }

    @Nested
    class Options {
        @Test
        void options_refuseAReasonTheDatasetCannotFailWith() {
            var builder = SMALL.toBuilder()
                    .errors(Dataset.STREAMS, ErrorInjection.none().withRejected(ReasonCode.TOO_LONG, 1));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("errors for streams ask for too_long, but no column of streams can fail with it"
                            + " (columns: user_id, track_id, listen_time)");
        }

        @Test
        void errorInjection_refusesDuplicateKeyAsARejection() {
            assertThatThrownBy(() -> ErrorInjection.none().withRejected(ReasonCode.DUPLICATE_KEY, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rejectedRows must not contain duplicate_key: validation keeps duplicates and"
                            + " transform removes them; set duplicates instead");
        }

        @Test
        void errorInjection_refusesNegativeCounts() {
            assertThatThrownBy(() -> ErrorInjection.none().withRejected(ReasonCode.BAD_DATE, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rejectedRows count for bad_date must be zero or more, got -1");
        }

        @Test
        void options_refuseStreamsDuplicatesWithoutPlays() {
            var builder = SMALL.toBuilder().plays(0)
                    .errors(Dataset.STREAMS, ErrorInjection.none().withDuplicates(1));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("streams duplicates need plays to repeat; plays is 0");
        }

        @Test
        void generate_withoutPlays_writesRejectedStreamsRowsAfterTheHeader() {
            GeneratorOptions options = SMALL.toBuilder().plays(0)
                    .errors(Dataset.STREAMS, ErrorInjection.none().withRejected(ReasonCode.BAD_TIMESTAMP, 2))
                    .build();

            GenerationManifest manifest = DatasetGenerator.generate(options, temp);

            assertThat(manifest.file("streams.csv").expected())
                    .isEqualTo(new ExpectedOutcome(0, Map.of(ReasonCode.BAD_TIMESTAMP, 2L), 0, 0));
        }
    }

    private ReferenceValidator.Report validate(GeneratedFile file) {
        return validate(temp.resolve(file.path()), file.dataset());
    }

    private ReferenceValidator.Report validate(Path file, Dataset dataset) {
        return ReferenceValidator.validate(file, dataset, DatasetGeneratorTest.songIds(temp));
    }

    /** Good rows per dataset, as the options ask for them. */
    private record DatasetSize(GeneratorOptions options) {
        long of(Dataset dataset) {
            return switch (dataset) {
                case USERS -> options.users();
                case SONGS -> options.songs();
                case STREAMS -> options.plays();
                case EVENTS -> options.events();
                case CATALOG -> 0; // the generator writes no catalogue: it comes from the Web API
            };
        }
    }
}
