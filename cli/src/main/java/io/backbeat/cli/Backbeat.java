package io.backbeat.cli;

import io.backbeat.cli.catalog.CatalogCommand;
import io.backbeat.cli.operate.KpisCommand;
import io.backbeat.cli.operate.ReplayCommand;
import io.backbeat.cli.operate.StatusCommand;
import io.backbeat.cli.operate.UploadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code backbeat} command. Run {@code backbeat --help} for the list of subcommands.
 *
 * <p>This module holds the operator commands only, which need nothing but AWS SDK clients: its jar runs them
 * with no emulator on the classpath. {@code local} and {@code bench} run the stack on the local cloud and come
 * from the {@code cli-local} module, whose {@code LocalCloudCommands} adds them through {@link #commandLine(Object...)};
 * the launcher picks the jar by the subcommand.
 */
@Command(
        name = "backbeat",
        mixinStandardHelpOptions = true,
        versionProvider = Backbeat.Version.class,
        description = "Serverless analytics pipeline for music-streaming data: run the whole stack locally; upload to,"
                + " follow, replay and read the KPIs of a deployed stack (or the local one); check files; generate sample data;"
                + " extract the music catalogue from the Spotify Web API.",
        footer = {"", "Examples:", "  backbeat local run", "  backbeat check --dataset streams plays.csv.gz", "  backbeat help check"})
public final class Backbeat {
    /** Exit code for a command line that cannot be understood (2 is taken by "file rejected"). */
    static final int USAGE_ERROR = 64;
    /** Exit code for a failure of the command itself (not of the data). */
    static final int INTERNAL_ERROR = 70;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Backbeat's error handling, for {@link #main} and for tests that run commands in-process;
     * {@code moreCommands} (picocli {@code @Command} objects) come first in the help.
     */
    public static CommandLine commandLine(Object... moreCommands) {
        CommandLine commandLine = new CommandLine(new Backbeat());
        for (Object command : moreCommands) {
            commandLine.addSubcommand(command);
        }
        for (Object command : new Object[] {new UploadCommand(), new StatusCommand(), new ReplayCommand(), new KpisCommand(),
                new CheckCommand(), new GenerateCommand(), new CatalogCommand(), new CommandLine.HelpCommand()}) {
            commandLine.addSubcommand(command);
        }
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
