package io.backbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.generator.ExpectedOutcome;
import io.backbeat.generator.GeneratedFile;
import io.backbeat.generator.GenerationManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_REASONS = List.of("bad_encoding", "bad_json", "missing_value",
            "bad_timestamp", "bad_integer", "out_of_range", "bad_value", "too_long");

    @TempDir
    Path temp;

    /** The pipeline's own validate and transform (backbeat check) find in the events exactly what the manifest says. */
    @Test
    void events_withInjectedLines_areCheckedExactlyAsTheManifestSays() throws Exception {
        Path data = temp.resolve("data");
        Path manifestFile = temp.resolve("manifest.json");
        List<String> args = new ArrayList<>(List.of("generate", "--out", data.toString(), "--plays", "5000",
                "--events", "4000", "--duplicates", "events=3", "--manifest", manifestFile.toString()));
        for (int i = 0; i < EVENT_REASONS.size(); i++) {
            args.addAll(List.of("--inject", "events:" + EVENT_REASONS.get(i) + "=" + (2 + i % 3)));
        }

        CommandRun generated = CommandRun.of(args.toArray(String[]::new));

        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).containsPattern("events +4,0\\d\\d rows +.*events\\.ndjson");
        GeneratedFile file = GenerationManifest.fromJson(Files.readString(manifestFile)).file("events.ndjson");
        ExpectedOutcome expected = file.expected();
        assertThat(file.dataset()).isEqualTo(Dataset.EVENTS);
        assertThat(expected.duplicates()).isEqualTo(3);

        CommandRun checked = CommandRun.of(
                "check", "--dataset", "events", "--out", temp.resolve("check").toString(), data.resolve(file.path()).toString());

        assertThat(checked.exitCode()).as(checked.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(checked.out().lines().filter(line -> !line.isBlank()).findFirst().orElseThrow());
        for (int i = 0; i < EVENT_REASONS.size(); i++) {
            String reason = EVENT_REASONS.get(i);
            assertThat(result.get("rejects_by_reason").path(reason).asLong()).as(reason).isEqualTo(2 + i % 3)
                    .isEqualTo(expected.rejected(ReasonCode.valueOf(reason.toUpperCase(java.util.Locale.ROOT))));
        }
        assertThat(result.get("rejects_by_reason").path("duplicate_key").asLong()).isEqualTo(expected.duplicates());
        assertThat(result.get("rows_in").asLong()).isEqualTo(file.rows());
        assertThat(result.get("rows_valid").asLong()).isEqualTo(4_000);
    }

    @Test
    void events_alone_areAsManyAsThePlaysAndGzippedWithTheRest() throws Exception {
        Path data = temp.resolve("data");

        CommandRun run = CommandRun.of("generate", "--out", data.toString(), "--plays", "3000", "--events",
                "--event-files", "2", "--gzip");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("events +1,500 rows +.*events-01\\.ndjson\\.gz")
                .containsPattern("events +1,500 rows +.*events-02\\.ndjson\\.gz");
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("users.csv.gz", "songs.csv.gz", "streams.csv.gz",
                            "events-01.ndjson.gz", "events-02.ndjson.gz");
        }
    }

    @Test
    void withoutEvents_noEventsFileIsWritten() throws Exception {
        Path data = temp.resolve("data");

        assertThat(CommandRun.of("generate", "--out", data.toString(), "--plays", "2000").exitCode()).isZero();

        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("users.csv", "songs.csv", "streams.csv");
        }
    }

    @Test
    void injectingIntoEventsWithoutEvents_isAUsageErrorThatSaysWhatToAdd() {
        CommandRun run = CommandRun.of("generate", "--out", temp.resolve("data").toString(), "--inject",
                "events:bad_json=2");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--inject and --duplicates for events need --events");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void eventFilesWithoutEvents_isAUsageError() {
        CommandRun run = CommandRun.of("generate", "--out", temp.resolve("data").toString(), "--event-files", "3");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--event-files splits the events; add --events to write them");
    }

    @Test
    void aReasonEventsCannotFailWith_isAUsageErrorNamingThoseTheyCan() {
        CommandRun run = CommandRun.of("generate", "--out", temp.resolve("data").toString(), "--events", "100",
                "--inject", "events:bad_track_id=1");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("errors for events ask for bad_track_id, but no events line can fail with it");
    }

    @Test
    void help_showsTheEventsOptionsAndAnExample() {
        CommandRun run = CommandRun.of("generate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--events[=N]", "--event-files=N", "backbeat generate --out data --events",
                "--inject events:bad_value=2 --duplicates events=4")
                .containsPattern("plays in listening\\s+sessions");
    }
}
