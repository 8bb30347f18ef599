package io.backbeat.cli.local;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code backbeat local}: the stack on this machine, no AWS account and no Docker. */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "Runs the whole stack on this machine: embedded S3, DynamoDB Local, PostgreSQL behind the Redshift"
                + " Data API, and the state machine CDK synthesizes.",
        subcommands = {LocalRunCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  backbeat local run", "  backbeat local run --data ../shared/data/lab-sample --out out/lab"})
public final class LocalCommand {}
