package io.backbeat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backbeat} command. Run {@code backbeat --help} for the list of subcommands. */
@Command(
        name = "backbeat",
        mixinStandardHelpOptions = true,
        versionProvider = Backbeat.Version.class,
        description = "Serverless analytics pipeline for music-streaming data: run the whole stack locally; upload to,"
                + " follow, replay and read the KPIs of a deployed stack (or the local one); check files; generate sample data.",
        subcommands = {io.backbeat.cli.local.LocalCommand.class, io.backbeat.cli.operate.UploadCommand.class,
            io.backbeat.cli.operate.StatusCommand.class, io.backbeat.cli.operate.ReplayCommand.class,
            io.backbeat.cli.operate.KpisCommand.class, CheckCommand.class, GenerateCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  backbeat local run", "  backbeat check --dataset streams plays.csv.gz", "  backbeat help check"})
public final class Backbeat {
    /** Exit code for a command line that cannot be understood (2 is taken by "file rejected"). */
    static final int USAGE_ERROR = 64;
    /** Exit code for a failure of the command itself (not of the data). */
    static final int INTERNAL_ERROR = 70;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Backbeat's error handling, for {@link #main} and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Backbeat());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failing = exception.getCommandLine();
            failing.getErr().println(failing.getColorScheme().errorText("error: " + exception.getMessage()));
            failing.getErr().println("Run '" + failing.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
            return USAGE_ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, failing, parseResult) -> {
            failing.getErr().println(failing.getColorScheme().errorText("error: " + describe(exception)));
            return INTERNAL_ERROR;
        });
        return commandLine;
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return message == null ? exception.getClass().getSimpleName() : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Backbeat.class.getPackage().getImplementationVersion();
            return new String[] {"backbeat " + (version == null ? "(development build)" : version)};
        }
    }
}
