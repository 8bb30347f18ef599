package io.backbeat.cli.local;

import io.backbeat.cli.Backbeat;
import io.backbeat.cli.bench.BenchCommand;
import picocli.CommandLine;

/**
 * The whole {@code backbeat} command: the operator commands of {@link Backbeat} plus {@code local} and
 * {@code bench}, which run the stack on the local cloud. Its jar carries the emulators; the launcher runs it for
 * every subcommand except the operator ones, which run from the CLI's own jar without them.
 */
public final class LocalCloudCommands {
    private LocalCloudCommands() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, for {@link #main} and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return Backbeat.commandLine(new LocalCommand(), new BenchCommand());
    }
}
