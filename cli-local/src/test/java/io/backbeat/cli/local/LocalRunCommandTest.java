package io.backbeat.cli.local;

import io.backbeat.cli.SynthesizedStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.cli.CommandRun;
import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.catalog.RecordedCatalog;
import io.backbeat.fixtures.kpi.AppEventsReference;
import io.backbeat.fixtures.kpi.AudienceReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.ErrorInjection;
import io.backbeat.generator.GeneratedFile;
import io.backbeat.generator.GenerationManifest;
import io.backbeat.generator.GeneratorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backbeat local run} end to end: the synthesized stack on the local cloud, driven as a user drives it. */
class LocalRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path template;
    private static Path lab;

    @TempDir
    Path out;

    private static GeneratedFile labEvents;

    /**
     * The lab sample, plus a generated app event log (with bad lines of known reasons) and a recorded catalogue
     * extraction in the same folder.
     */
    @BeforeAll
    static void synthesizeTheStack(@TempDir Path directory) throws IOException {
        template = SynthesizedStack.templateFile();
        lab = LabSample.extractTo(directory.resolve("lab-sample"));
        Path generated = directory.resolve("generated");
        GenerationManifest manifest = DatasetGenerator.generate(GeneratorOptions.builder().seed(7).users(500).songs(500)
                .plays(1_000).events(4_000).errors(Dataset.EVENTS, ErrorInjection.none().withRejected(ReasonCode.BAD_JSON, 3)
                        .withRejected(ReasonCode.BAD_VALUE, 2).withDuplicates(4)).build(), generated);
        labEvents = manifest.filesOf(Dataset.EVENTS).get(0);
        Files.copy(generated.resolve(labEvents.path()), lab.resolve(labEvents.path()));
        RecordedCatalog.extract(RecordedCatalog.RUN, lab);
    }

    @Test
    void theLabSampleAndAnEventLogEndInKpiCsvsEqualToTheReferencesAndASummaryOfEveryRow() throws Exception {
        CommandRun run = run("local", "run", "--data", lab.toString(), "--out", out.toString(), "--template", template.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        KpiReference.Tables expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv")));
        KpiTablesAssert.assertWarehouseEquals(csvTables(out.resolve("kpis")), expected);
        KpiTablesAssert.assertListenerTablesEqual(csvTables(out.resolve("kpis")), AudienceReference.compute(
                List.of(lab.resolve("users.csv")), List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv"))));
        AppEventsReference.Result app = AppEventsReference.compute(List.of(lab.resolve(labEvents.path())));
        KpiTablesAssert.assertAppTablesEqual(csvTables(out.resolve("kpis")), app.tables());
        var eventsFile = app.files().get(0);
        assertThat(eventsFile.rowsStaged()).as("the generator's count").isEqualTo(labEvents.expected().validRows()
                - labEvents.expected().duplicates());
        long users = records(lab.resolve("users.csv"));
        long songs = records(lab.resolve("songs.csv"));
        long plays = records(lab.resolve("streams1.csv")) + records(lab.resolve("streams2.csv")) + records(lab.resolve("streams3.csv"));
        assertThat(run.out())
                .containsPattern(summaryLine("users", 1, users, users, 0))
                .containsPattern(summaryLine("songs", 1, songs, songs, 0))
                .containsPattern(summaryLine("streams", 3, plays, plays, 0))
                .containsPattern(summaryLine("events", 1, eventsFile.rowsIn(), eventsFile.rowsStaged(),
                        eventsFile.rowsRejected() + eventsFile.duplicates().size()))
                // CatalogWarehouseTest counts the recorded run's records by hand.
                .containsPattern(summaryLine("catalog", 1, 25, 22, 3))
                .contains("slowest stage: ")
                .contains(String.format("plays        %,d", expected.dailyEngagement().get(0).totalPlays()));
        JsonNode quality = reportData(out.resolve("report.html")).get("quality");
        assertThat(quality).hasSize(5);
        assertThat(quality.get(2).get("rowsIn").asLong()).isEqualTo(plays);
        assertThat(files(out.resolve("quarantine"))).as("only the event log and the catalogue have rejected lines")
                .allMatch(file -> file.toString().contains("events") || file.toString().contains("catalog"));
    }

    @Test
    void theDefaultSampleIsGeneratedRunAndEveryBadRowIsCountedByReasonAndQuarantined() throws Exception {
        CommandRun run = run("local", "run", "--out", out.toString(), "--template", template.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        GenerationManifest manifest = GenerationManifest.fromJson(Files.readString(out.resolve("input/manifest.json")));
        assertThat(manifest.filesOf(Dataset.STREAMS).stream().mapToLong(GeneratedFile::rows).sum())
                .isEqualTo(LocalRunCommand.DEFAULT_PLAYS + manifest.filesOf(Dataset.STREAMS).stream()
                        .mapToLong(file -> file.expected().totalRejected() + file.expected().duplicates()).sum());
        JsonNode quality = reportData(out.resolve("report.html")).get("quality");
        long rejectedEverywhere = 0;
        for (Dataset dataset : Dataset.values()) {
            List<GeneratedFile> generated = manifest.filesOf(dataset);
            if (generated.isEmpty()) {
                assertThat(dataset).as("the generator writes every dataset but the catalogue").isEqualTo(Dataset.CATALOG);
                continue;
            }
            long valid = generated.stream().mapToLong(file -> file.expected().validRows() - file.expected().duplicates()).sum();
            Map<String, Long> reasons = new TreeMap<>();
            generated.forEach(file -> {
                file.expected().rejectedRows().forEach((reason, rows) -> reasons.merge(reason.code(), rows, Long::sum));
                if (file.expected().duplicates() > 0) {
                    reasons.merge(ReasonCode.DUPLICATE_KEY.code(), file.expected().duplicates(), Long::sum);
                }
            });
            long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
            rejectedEverywhere += rejected;
            JsonNode shown = null;
            for (JsonNode candidate : quality) {
                shown = candidate.get("dataset").asText().equals(dataset.id()) ? candidate : shown;
            }
            assertThat(shown).as(dataset.id()).isNotNull();
            assertThat(shown.get("dataset").asText()).isEqualTo(dataset.id());
            assertThat(shown.get("rowsIn").asLong()).as(dataset.id()).isEqualTo(valid + rejected);
            assertThat(shown.get("rowsValid").asLong()).as(dataset.id()).isEqualTo(valid);
            assertThat(shown.get("rowsRejected").asLong()).as(dataset.id()).isEqualTo(rejected);
            Map<String, Long> shownReasons = new TreeMap<>();
            shown.get("rejectReasons").fields().forEachRemaining(entry -> shownReasons.put(entry.getKey(), entry.getValue().asLong()));
            assertThat(shownReasons).as(dataset.id()).isEqualTo(reasons);
            assertThat(run.out()).containsPattern(summaryLine(dataset.id(), generated.size(), valid + rejected, valid, rejected));
        }
        assertThat(rejectedEverywhere).isPositive();
        long quarantinedRows = 0;
        for (Path file : files(out.resolve("quarantine"))) {
            if (file.getFileName().toString().endsWith("-rejects.csv")) {
                quarantinedRows += records(file);
            }
        }
        assertThat(quarantinedRows).as("rows in the quarantine's reject files").isEqualTo(rejectedEverywhere);
        long loadedPlays = 0;
        try (CsvReader<CsvRecord> engagement = CsvReader.builder().ofCsvRecord(out.resolve("kpis/kpi_daily_engagement.csv"))) {
            for (CsvRecord record : engagement.stream().skip(1).toList()) {
                loadedPlays += Long.parseLong(record.getField(2));
            }
        }
        assertThat(loadedPlays).isEqualTo(LocalRunCommand.DEFAULT_PLAYS);
        assertThat(run.out()).contains("input/").contains("top genre").contains("top track");
    }

    @Test
    void keepLeavesTheStackRunningForTheLocalOperatorCommandsUntilStopped() throws Exception {
        int[] exitCode = {-1};
        Thread running = new Thread(() -> exitCode[0] = run("local", "run", "--data", lab.toString(), "--out", out.toString(),
                "--template", template.toString(), "--keep").exitCode());
        running.start();
        Path described = out.resolve("local-stack.json");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(described) && running.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(described).as("written once the run settled").exists();

        CommandRun status = run("status", "--local", described.toString());
        CommandRun kpis = run("kpis", "--local", described.toString(), "--date", "2024-06-25", "--table", "kpi_daily_engagement");
        running.interrupt();
        running.join(60_000);

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("raw/streams/streams1.csv +succeeded +succeeded +succeeded ");
        assertThat(kpis.exitCode()).as(kpis.err()).isZero();
        assertThat(kpis.out()).contains("kpi_daily_engagement, 2024-06-25 (1 row)");
        assertThat(running.isAlive()).isFalse();
        assertThat(exitCode[0]).isZero();
        assertThat(described).as("removed when the stack stops").doesNotExist();
    }

    @Test
    void aDataFolderWithoutDatasetFilesIsRefusedNamingTheFolderAndTheExpectedNames() throws Exception {
        Path empty = Files.createDirectories(out.resolve("empty"));
        Files.writeString(empty.resolve("plays.txt"), "not a dataset");

        CommandRun run = run("local", "run", "--data", empty.toString(), "--out", out.resolve("o").toString(), "--template",
                template.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--data " + empty).contains("users*.csv, songs*.csv, streams*.csv").contains("events*.ndjson")
                .contains("backbeat local run --help");
    }

    @Test
    void aMissingTemplateIsRefusedSayingHowToSynthesizeIt() throws Exception {
        CommandRun run = run("local", "run", "--out", out.toString(), "--template", out.resolve("nothing.json").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("no synthesized stack template at " + out.resolve("nothing.json"))
                .contains("./backbeat cdk-app");
    }

    private static CommandRun run(String... args) {
        return CommandRun.in(LocalCloudCommands.commandLine(), args);
    }

    private static Pattern summaryLine(String dataset, long files, long rowsIn, long valid, long rejected) {
        return Pattern.compile("(?m)^" + dataset + " +" + files + " +" + Pattern.quote(String.format("%,d", rowsIn)) + " +"
                + Pattern.quote(String.format("%,d", valid)) + " +" + Pattern.quote(String.format("%,d", rejected)) + " ");
    }

    /** Data records of a CSV file (the header not counted), read by FastCSV. */
    private static long records(Path file) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            return reader.stream().count() - 1;
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static JsonNode reportData(Path report) throws IOException {
        String json = Jsoup.parse(report.toFile()).getElementById("report-data").data();
        return JSON.readTree(json);
    }

    /** The exported KPI CSVs, answering the reference assertion's SELECTs by table and column names. */
    private static KpiTablesAssert.Query csvTables(Path directory) {
        Pattern select = Pattern.compile("SELECT (.+) FROM (\\w+)", Pattern.DOTALL);
        return sql -> {
            Matcher matcher = select.matcher(sql);
            assertThat(matcher.find()).as(sql).isTrue();
            List<String> columns = Stream.of(matcher.group(1).split(",")).map(c -> c.strip().replace("\"", "")).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(directory.resolve(matcher.group(2) + ".csv"))) {
                List<CsvRecord> records = reader.stream().toList();
                List<String> header = records.get(0).getFields();
                for (CsvRecord record : records.subList(1, records.size())) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String column : columns) {
                        String value = record.getField(header.indexOf(column));
                        row.put(column, value.isEmpty() ? null : value);
                    }
                    rows.add(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        };
    }
}
