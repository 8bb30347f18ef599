package io.backbeat.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help as a user sees it: picocli formats descriptions as format strings, so a bare {@code %}
 * makes it print a warning on stderr and the raw text instead.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(LocalCloudCommands.commandLine(), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine command : commands) {
                names.add(command.getCommandSpec().qualifiedName());
                assertThat(command.getUsageMessage()).contains("Usage:");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(names).contains("backbeat local run", "backbeat bench warehouse", "backbeat upload", "backbeat generate");
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
