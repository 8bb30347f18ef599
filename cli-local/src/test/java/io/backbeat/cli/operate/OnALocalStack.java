package io.backbeat.cli.operate;

import io.backbeat.cli.SynthesizedStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.cli.CommandRun;
import io.backbeat.cli.local.LocalCloudCommands;
import io.backbeat.cli.local.LocalDeployment;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local stack for the operator commands to work on, through {@code --local} as a user runs them: deployed from
 * the synthesized template, described in a {@code local-stack.json}, reached over HTTP by the commands' own
 * clients. A fresh stack per test, since the commands read the whole ledger and the whole dead-letter queue.
 */
abstract class OnALocalStack {
    static final LocalDate LAB_DAY = LocalDate.of(2024, 6, 25);
    static SynthesizedTemplate template;
    static Path lab;

    @TempDir
    Path work;

    LocalDeployment local;
    Path stackFile;

    @BeforeAll
    static void synthesizeTheStack(@TempDir Path directory) {
        template = SynthesizedStack.template();
        lab = LabSample.extractTo(directory.resolve("lab"));
    }

    @BeforeEach
    void deployLocally() throws Exception {
        local = LocalDeployment.start(template, work.resolve("stack"));
        stackFile = work.resolve("local-stack.json");
        local.describe(ProcessHandle.current().pid()).write(stackFile);
    }

    @AfterEach
    void stop() {
        local.close();
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void upload(String labFile, String dataset) {
        CommandRun run = run("upload", "--local", stackFile.toString(), "--dataset", dataset, lab.resolve(labFile).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    void warehouse(String sql) throws Exception {
        try (Connection connection = local.redshift().connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static CommandRun run(String... args) {
        return CommandRun.in(LocalCloudCommands.commandLine(), args);
    }
}
