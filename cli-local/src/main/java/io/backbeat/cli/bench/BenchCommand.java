package io.backbeat.cli.bench;

import picocli.CommandLine.Command;

/** {@code backbeat bench}: the benchmark harness. Results and the commands that produced them are in BENCHMARKS.md. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks (see BENCHMARKS.md for recorded results).",
        subcommands = {BenchIngestCommand.class, BenchCompressionCommand.class, BenchWarehouseCommand.class, BenchColdStartCommand.class},
        footer = {
            "",
            "Examples:",
            "  BACKBEAT_JAVA_OPTS=-Xmx256m backbeat bench ingest --rows 10000000 --repeat 3",
            "  backbeat bench warehouse --plays 1000000",
            "  backbeat bench coldstart --runs 5",
            "  backbeat local run --generate 1000000     # the whole pipeline, timed by stage"
        })
public final class BenchCommand {}
