package io.backbeat.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code backbeat} command line in-process, as a user would type it: its exit code and what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs the operator commands' command line. */
    public static CommandRun of(String... args) {
        return in(Backbeat.commandLine(), args);
    }

    /** Runs {@code commandLine} (e.g. the cli-local module's, with {@code local} and {@code bench}). */
    public static CommandRun in(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
