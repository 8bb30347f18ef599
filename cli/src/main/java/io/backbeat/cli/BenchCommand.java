package io.backbeat.cli;

import picocli.CommandLine.Command;

/** {@code backbeat bench}: the benchmark harness. Results and the commands that produced them are in BENCHMARKS.md. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks (see BENCHMARKS.md for recorded results).",
        subcommands = {BenchIngestCommand.class, BenchCompressionCommand.class, BenchWarehouseCommand.class})
final class BenchCommand {}
