package io.backbeat.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.cli.CommandRun;
import io.backbeat.cli.local.LocalCloudCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold-start benchmark, one run of each handler in child JVMs on the Lambda jar: every handler handles its event
 * and the last line is the JSON other tools read. It needs the Lambda jar, which {@code package} builds, not {@code test}.
 */
class BenchColdStartCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAMBDA_JAR = Path.of("../functions/target/backbeat-functions-lambda.jar");

    @TempDir
    Path work;

    @Test
    void oneRunOfEveryHandlerEndsInOneJsonLineOfMedianSeconds() throws Exception {
        assumeTrue(Files.isRegularFile(LAMBDA_JAR), "no Lambda jar at " + LAMBDA_JAR.toAbsolutePath()
                + "; build it with ./mvnw -B -pl functions -am package -DskipTests");

        CommandRun run = CommandRun.in(LocalCloudCommands.commandLine(), "bench", "coldstart", "--runs", "1", "--rows", "200",
                "--variants", "deployed,aot", "--lambda-jar", LAMBDA_JAR.toString(), "--work", work.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("each stage processed a fresh object").contains("validate", "transform", "load")
                .containsPattern("load .*outcome=PROCESSED, rowsIn=[1-9]").containsPattern("publish .*items=[1-9]")
                .as("the other handlers did their work: a failed refresh recorded, the warehouse set up, a batch extracted")
                .containsPattern("monitor .*recorded=true").containsPattern("setup .*warehouse ready")
                .containsPattern("extract .*tracks=2.*files=\\[raw/catalog/coldstart-");
        String[] lines = run.out().strip().split("\n");
        JsonNode figures = JSON.readTree(lines[lines.length - 1]);
        for (String key : new String[] {"validate_s", "transform_s", "load_s", "publish_s", "monitor_s", "setup_s", "extract_s",
            "slowest_s"}) {
            assertThat(figures.get(key).asDouble()).as(key).isPositive();
        }
        double slowest = 0;
        for (String handler : BenchColdStartCommand.HANDLERS) {
            slowest = Math.max(slowest, figures.get(handler + "_s").asDouble());
        }
        assertThat(figures.get("slowest_s").asDouble()).isEqualTo(slowest);
        assertThat(figures.get("runs").asInt()).isEqualTo(1);
        assertThat(figures.get("jvm_flags").asText()).contains("-XX:TieredStopAtLevel=1");
        assertThat(figures.get("jvm_flags_validate_transform").asText()).as("the stack's JAVA_TOOL_OPTIONS")
                .contains("-XX:TieredStopAtLevel=4");
        assertThat(figures.get("variant").asText()).isEqualTo("deployed");
        assertThat(figures.get("variants").get("deployed").get("slowest_s").asDouble()).isEqualTo(slowest);
        JsonNode aot = figures.get("variants").get("aot");
        assertThat(aot.get("slowest_s").asDouble()).as("timed with the AOT cache the training run wrote").isPositive();
        assertThat(aot.get("cache_bytes").asLong()).isPositive();
        assertThat(run.out()).contains("train aot", "run 1 aot");
    }

    @Test
    void theBaselineVariantWithoutABaselineJarIsRefusedNamingTheOption() {
        CommandRun run = CommandRun.in(LocalCloudCommands.commandLine(), "bench", "coldstart", "--variants", "baseline,deployed",
                "--lambda-jar", LAMBDA_JAR.toString(), "--work", work.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("pass it with --baseline-jar");
    }

    @Test
    void anUnknownVariantIsRefusedNamingTheKnownOnes() {
        CommandRun run = CommandRun.in(LocalCloudCommands.commandLine(), "bench", "coldstart", "--variants", "deployed,graal",
                "--lambda-jar", LAMBDA_JAR.toString(), "--work", work.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("'graal' is not a variant; expected one of baseline, deployed, cds, aot");
    }

    @Test
    void transformWithoutValidateIsRefusedNamingTheStageBefore() {
        CommandRun run = CommandRun.in(LocalCloudCommands.commandLine(), "bench", "coldstart", "--handlers", "transform",
                "--lambda-jar", LAMBDA_JAR.toString(), "--work", work.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("transform reads what validate wrote");
    }
}
