package io.backbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.generator.GenerationManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Backbeat.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void aCleanFileExitsZeroWithOneJsonLineAndItsOutputs() throws Exception {
        Path lab = LabSample.extractTo(temp.resolve("lab"));

        int exit = run("check", "--dataset", "streams", "--out", temp.resolve("out").toString(), lab.resolve("streams1.csv").toString());

        assertThat(exit).isZero();
        assertThat(lines()).singleElement().satisfies(json -> {
            assertThat(json.get("rows_in").asLong()).isEqualTo(11_346);
            assertThat(json.get("rows_valid").asLong()).isEqualTo(11_346);
            assertThat(json.get("rows_rejected").asLong()).isZero();
            assertThat(json.get("outputs").toString()).contains("validated/streams/streams1.csv.zst", "staged/streams/streams1.csv.zst");
        });
        assertThat(Files.exists(temp.resolve("out/staged/streams/streams1.csv.zst"))).isTrue();
    }

    @Test
    void rejectedRowsExitOneAndCountPerReasonExactlyAsTheGeneratorInjectedThem() throws Exception {
        Path data = temp.resolve("data");
        Path manifestFile = temp.resolve("manifest.json");
        assertThat(run("generate", "--out", data.toString(), "--plays", "20000", "--inject", "streams:bad_timestamp=4",
                "--inject", "streams:bad_encoding=2", "--duplicates", "streams=3", "--manifest", manifestFile.toString())).isZero();
        out.getBuffer().setLength(0);
        var expected = GenerationManifest.fromJson(Files.readString(manifestFile)).file("streams.csv").expected();

        int exit = run("check", "--dataset", "streams", "--out", temp.resolve("out").toString(), data.resolve("streams.csv").toString());

        assertThat(exit).isEqualTo(1);
        JsonNode json = lines().get(0);
        assertThat(json.get("rejects_by_reason").get("bad_timestamp").asLong()).isEqualTo(4);
        assertThat(json.get("rejects_by_reason").get("bad_encoding").asLong()).isEqualTo(2);
        assertThat(json.get("rejects_by_reason").get("duplicate_key").asLong()).isEqualTo(expected.duplicates());
        assertThat(json.get("rows_valid").asLong()).isEqualTo(expected.validRows() - expected.duplicates());
        assertThat(json.get("rows_in").asLong()).isEqualTo(json.get("rows_valid").asLong() + json.get("rows_rejected").asLong());
    }

    @Test
    void aFileRejectedAsAWholeExitsTwoAndSaysWhy() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.csv"));
        Path good = LabSample.extractTo(temp.resolve("lab")).resolve("users.csv");

        int exit = run("check", "--dataset", "users", "--out", temp.resolve("out").toString(), good.toString(), empty.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1).get("file_rejection").get("code").asText()).isEqualTo("empty_object");
    }

    @Test
    void theSampleChecksEveryDataset() throws Exception {
        int exit = run("check", "--sample", "--out", temp.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).extracting(json -> json.get("dataset").asText()).containsExactlyInAnyOrder("users", "songs", "streams", "events");
    }

    @Test
    void usageErrorsExitSixtyFourAndNameTheProblem() {
        assertThat(run("check", "some.csv")).isEqualTo(64);
        assertThat(err.toString()).contains("give --dataset and FILE..., or --sample");

        assertThat(run("check", "--dataset", "podcasts", "x.csv")).isEqualTo(64);
        assertThat(err.toString()).contains("unknown dataset 'podcasts'; expected one of users, songs, streams");

        assertThat(run("check", "--dataset", "songs", temp.resolve("missing.csv").toString())).isEqualTo(64);
        assertThat(err.toString()).contains("missing.csv is not a readable file");
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        assertThat(run("check", "--help")).isZero();

        assertThat(out.toString()).contains("Examples:", "backbeat check --sample", "Exit codes:")
                .containsPattern("2 +a file was rejected as a whole");
    }

    @Test
    void anEventsFileIsCheckedAsJsonLinesWithTheRejectedLinesCountedPerReason() throws Exception {
        Path events = temp.resolve("events.ndjson");
        Files.writeString(events, String.join("\n",
                "{\"ts\":1719273601000,\"userId\":\"7\",\"sessionId\":1,\"itemInSession\":0,\"page\":\"Home\","
                        + "\"auth\":\"Logged In\",\"level\":\"free\"}",
                "",
                "{\"ts\":1719273602000,\"sessionId\":2,\"itemInSession\":0,\"page\":\"NextSong\",\"auth\":\"Guest\","
                        + "\"level\":\"free\",\"artist\":\"Ann\",\"song\":\"One\",\"length\":\"200\"}",
                "[1, 2, 3]",
                "{\"ts\":1719273601000,\"userId\":\"7\",\"sessionId\":1,\"itemInSession\":0,\"page\":\"Help\","
                        + "\"auth\":\"Logged In\",\"level\":\"free\"}") + "\n");

        int exit = run("check", "--dataset", "events", "--out", temp.resolve("out").toString(), events.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).singleElement().satisfies(json -> {
            assertThat(json.get("rows_in").asLong()).as("the blank line is not a row").isEqualTo(4);
            assertThat(json.get("rows_valid").asLong()).isEqualTo(1);
            assertThat(json.get("rejects_by_reason").get("bad_value").asLong()).as("length as a string").isEqualTo(1);
            assertThat(json.get("rejects_by_reason").get("bad_json").asLong()).as("an array").isEqualTo(1);
            assertThat(json.get("rejects_by_reason").get("duplicate_key").asLong()).as("line 5 repeats line 1").isEqualTo(1);
        });
        assertThat(Files.readString(temp.resolve("out/quarantine/events/events.ndjson.validate-rejects.csv")))
                .contains("3,length,bad_value,").contains("4,,bad_json,");
    }
}
