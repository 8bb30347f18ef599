package io.backbeat.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.cli.CommandRun;
import io.backbeat.cli.local.LocalCloudCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingest benchmark on a small file: both JIT settings in JVMs of their own, both inputs, and the JSON line other
 * tools read.
 */
class BenchIngestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"streams", "events"})
    void aSmallRunEndsInOneJsonLineOfItsFiguresWithTheGzipAnchor(String dataset) throws Exception {
        CommandRun run = CommandRun.in(LocalCloudCommands.commandLine(), "bench", "ingest", "--dataset", dataset, "--rows",
                "3000", "--repeat", "1", "--heap-mb", "256", "--work", work.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        JsonNode figures = JSON.readTree(lines[lines.length - 1]);
        assertThat(figures.get("dataset").asText()).isEqualTo(dataset);
        assertThat(figures.get("rows").asLong()).as("every generated row was read").isEqualTo(3000);
        assertThat(figures.get("jit").asText()).isIn("c1", "tiered");
        assertThat(figures.get("heap_mb").asLong()).as("the measured JVM has the function's heap").isBetween(100L, 256L);
        for (String key : new String[] {"seconds", "rows_per_s", "gzip_input_seconds", "first_object_seconds", "gzip1_seconds",
            "speed_vs_gzip1", "gzip_input_speed_vs_gzip1",
            "c1_seconds", "tiered_seconds", "peak_rss_mb", "heap_mb"}) {
            assertThat(figures.get(key).asDouble()).as(key).isPositive();
        }
        assertThat(run.out()).contains("gzip -1 of the plain file");

        // Each measured run of the chosen setting is printed with the gzip -1 run just before it and their ratio; the
        // JSON's speed is the median of those ratios, not a ratio of medians taken minutes apart.
        List<Double> ratios = new ArrayList<>();
        List<Double> anchors = new ArrayList<>();
        boolean chosenSetting = false;
        for (String line : lines) {
            if (line.startsWith("JIT ")) {
                chosenSetting = line.startsWith("JIT " + figures.get("jit").asText() + ":");
            }
            String[] columns = line.strip().split("\\s+");
            if (chosenSetting && columns[0].equals("plain") && !columns[1].equals("warm") && columns.length == 12) {
                anchors.add(Double.parseDouble(columns[10]));
                ratios.add(Double.parseDouble(columns[11]));
            }
        }
        assertThat(ratios).as("one printed pair per measured plain run").hasSize(1);
        assertThat(figures.get("speed_vs_gzip1").asDouble()).isCloseTo(ratios.get(0), Offset.offset(0.006));
        assertThat(figures.get("gzip1_seconds").asDouble()).isCloseTo(anchors.get(0), Offset.offset(0.006));
    }
}
