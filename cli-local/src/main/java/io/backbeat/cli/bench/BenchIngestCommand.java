package io.backbeat.cli.bench;

import io.backbeat.cli.DatasetConverter;
import io.backbeat.events.CpuBoundJvm;
import io.backbeat.events.Dataset;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.GenerationManifest;
import io.backbeat.generator.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat bench ingest}: validate + transform throughput on a generated streams file (or, with
 * {@code --dataset events}, an app event log), plain and gzip, with warm-up, in one thread, outputs on local disk, in
 * a JVM of its own configured as the functions are deployed (heap, one CPU, serial collector) with C1 only and with
 * tiered compilation. The anchor is {@code gzip -1} of the same file, run just before each measured run and each run's
 * speed taken against its own ({@link IngestChild}); the last line is one JSON object of the figures, those of the
 * faster JIT setting.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Measures validate + transform on a generated streams file or app event log (plain, then gzip), as the Lambda functions"
                    + " run them but reading and writing local files: rows/s, CPU time, GC, peak heap and peak RSS."
                    + " Each input is run once to warm up, then --repeat times; the median run is reported, and the"
                    + " plain input's warm-up run as first_object_seconds (a fresh container: heap untouched, code not"
                    + " compiled). Each measured run follows a gzip -1 of the plain file, and its speed is taken against"
                    + " that one: the median of those ratios is speed_vs_gzip1.",
            "Each JIT setting runs in a JVM of its own with the function's heap (--heap-mb), one CPU and the serial"
                    + " collector; transform gets the dedupe memory a function with that heap gets."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat bench ingest --rows 10000000",
            "  backbeat bench ingest --rows 10000000 --jit tiered --heap-mb 256",
            "  backbeat bench ingest --rows 1000000 --repeat 1",
            "  backbeat bench ingest --dataset events --rows 2000000"
        })
final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000",
            description = "rows (plays, or events) (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--dataset", paramLabel = "DATASET", defaultValue = "streams", converter = DatasetConverter.class,
            description = "streams or events (default: ${DEFAULT-VALUE})")
    Dataset dataset;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "3", description = "measured runs per input (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "out/bench", description = "scratch directory (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--jit", paramLabel = "JIT", defaultValue = "both",
            description = "c1 (C1 only, Lambda's default), tiered (C1 then C2) or both (default: ${DEFAULT-VALUE})")
    String jit;

    @Option(names = "--heap-mb", paramLabel = "MiB", defaultValue = "1503",
            description = "the measured JVM's heap: 1503, 85%% of the 1,769 MB validate and transform are deployed with"
                    + " (default: ${DEFAULT-VALUE})")
    int heapMb;

    /** The JVM flags of a function on one vCPU (Lambda's Java runtimes run the serial collector), without the JIT's. */
    static List<String> functionFlags(int heapMb) {
        return List.of("-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1");
    }

    /**
     * The settings measured: Lambda's default (C1 only) and what the stack deploys validate and transform with
     * ({@link CpuBoundJvm#TOOL_OPTIONS}: tiered, up to C2, large arrays in the old generation).
     */
    static final Map<String, List<String>> JIT = Map.of(
            "c1", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:PretenureSizeThreshold=1m"),
            "tiered", CpuBoundJvm.TOOL_OPTIONS);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (dataset != Dataset.STREAMS && dataset != Dataset.EVENTS) {
            throw new ParameterException(spec.commandLine(), "--dataset takes streams or events, got " + dataset.id());
        }
        List<String> jits = switch (jit) {
            case "both" -> List.of("c1", "tiered");
            case "c1", "tiered" -> List.of(jit);
            default -> throw new ParameterException(spec.commandLine(), "--jit takes c1, tiered or both, got " + jit);
        };
        Path data = work.resolve(dataset.id() + "-" + rows);
        Path plain = input(data.resolve("plain"), false, out);
        Path gzip = input(data.resolve("gzip"), true, out);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String setting : jits) {
            List<String> flags = new ArrayList<>(functionFlags(heapMb));
            flags.addAll(JIT.get(setting));
            out.printf("JIT %s: %s%n", setting, String.join(" ", flags));
            out.println("input   run      rows  validate_s transform_s   total_s  rows/s  cpu_s  gc_s  peak_heap_MiB"
                    + "  gzip1_s  vs_gzip1");
            out.flush();
            results.put(setting, runChild(flags, plain, gzip, out));
        }
        String best = null;
        for (var result : results.entrySet()) {
            JsonNode plainRuns = result.getValue().get("plain");
            JsonNode gzipRuns = result.getValue().get("gzip");
            out.printf("%-6s plain %.2f s (%.2fx gzip -1), gzip %.2f s (%.2fx), peak RSS %d MiB, dedupe memory %d MiB%n",
                    result.getKey(), plainRuns.get("seconds").asDouble(), plainRuns.get("speed_vs_gzip1").asDouble(),
                    gzipRuns.get("seconds").asDouble(), gzipRuns.get("speed_vs_gzip1").asDouble(),
                    result.getValue().get("peak_rss_mb").asLong(), result.getValue().get("dedupe_mb").asLong());
            out.printf("%-6s gzip -1 of the plain file, just before each measured run: %.2f s (median); speeds are the"
                    + " medians of each run's against its own%n", "", plainRuns.get("gzip1_s").asDouble());
            if (best == null || plainRuns.get("seconds").asDouble() < results.get(best).get("plain").get("seconds").asDouble()) {
                best = result.getKey();
            }
        }
        JsonNode chosen = results.get(best);
        double seconds = chosen.get("plain").get("seconds").asDouble();
        long rowsRead = chosen.get("plain").get("rows").asLong();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dataset", dataset.id());
        figures.put("rows", rowsRead);
        figures.put("jit", best);
        figures.put("seconds", round(seconds));
        figures.put("rows_per_s", Math.round(rowsRead / seconds));
        figures.put("gzip_input_seconds", round(chosen.get("gzip").get("seconds").asDouble()));
        // The plain input's first run in its JVM: what a fresh container takes (heap untouched, code not compiled).
        figures.put("first_object_seconds", round(chosen.get("plain").get("first_seconds").asDouble()));
        figures.put("gzip1_seconds", round(chosen.get("plain").get("gzip1_s").asDouble()));
        figures.put("speed_vs_gzip1", round(chosen.get("plain").get("speed_vs_gzip1").asDouble()));
        figures.put("gzip_input_speed_vs_gzip1", round(chosen.get("gzip").get("speed_vs_gzip1").asDouble()));
        for (var result : results.entrySet()) {
            figures.put(result.getKey() + "_seconds", round(result.getValue().get("plain").get("seconds").asDouble()));
        }
        figures.put("peak_rss_mb", chosen.get("peak_rss_mb").asLong());
        figures.put("heap_mb", chosen.get("heap_mb").asLong());
        out.println(BenchWarehouseCommand.json(figures));
        return 0;
    }

    /** Runs {@link IngestChild} in a JVM of its own with {@code flags}; echoes its lines and returns its last. */
    private JsonNode runChild(List<String> flags, Path plain, Path gzip, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("--enable-native-access=ALL-UNNAMED"); // zstd-jni loads its library
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), dataset.id(),
                plain.toString(), gzip.toString(), work.resolve("out").toString(), Integer.toString(repeat)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    last = line;
                } else {
                    out.println(line);
                    out.flush();
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || last == null) {
            throw new IllegalStateException("the measured JVM exited with " + exit + "; its errors are above");
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(last);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private Path input(Path directory, boolean gzip, PrintWriter out) throws IOException {
        boolean events = dataset == Dataset.EVENTS;
        // An event log needs users and songs to draw from, not plays: a few plays keep the other files small.
        long plays = events ? 1000 : rows;
        GeneratorOptions options = GeneratorOptions.builder()
                .plays(plays).users((int) Math.max(1000, Math.min(1_000_000, rows / 50)))
                .songs((int) Math.max(1000, Math.min(1_000_000, rows / 20))).days(30).gzip(gzip)
                .events(events ? rows : 0).build();
        // The generated file's name, kept next to it: a later run reuses the file instead of generating it again.
        Path marker = directory.resolve("generated");
        if (!Files.exists(marker)) {
            out.println("generating " + directory + " ...");
            out.flush();
            GenerationManifest manifest = DatasetGenerator.generate(options, directory);
            if (manifest.filesOf(dataset).size() != 1) {
                throw new IllegalStateException("the generator wrote no single " + dataset.id() + " file into " + directory);
            }
            Files.writeString(marker, manifest.filesOf(dataset).get(0).path());
        }
        return directory.resolve(Files.readString(marker).strip());
    }

}
