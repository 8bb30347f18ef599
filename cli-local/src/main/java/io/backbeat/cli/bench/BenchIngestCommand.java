package io.backbeat.cli.bench;

import io.backbeat.cli.DatasetConverter;
import io.backbeat.cli.DirectoryObjectStore;
import io.backbeat.cli.LocalInputStore;
import io.backbeat.events.Dataset;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformStage;
import io.backbeat.functions.validate.ValidateStage;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.GenerationManifest;
import io.backbeat.generator.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat bench ingest}: validate + transform throughput on a generated streams file (or, with
 * {@code --dataset events}, an app event log), plain and gzip, with warm-up, in one thread, outputs on local disk.
 * Cap the heap with {@code BACKBEAT_JAVA_OPTS}. The anchor is {@code gzip -1} of the same file in the same run; the
 * last line is one JSON object of the figures.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Measures validate + transform on a generated streams file or app event log (plain, then gzip), as the Lambda functions"
                    + " run them but reading and writing local files: rows/s, CPU time, GC, peak heap and peak RSS."
                    + " Each input is run once to warm up, then --repeat times; the median run is reported.",
            "The transform stage gets the dedupe memory a function with this heap would get (a third of it)."
        },
        footer = {
            "",
            "Examples:",
            "  BACKBEAT_JAVA_OPTS=-Xmx256m backbeat bench ingest --rows 10000000",
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (dataset != Dataset.STREAMS && dataset != Dataset.EVENTS) {
            throw new ParameterException(spec.commandLine(), "--dataset takes streams or events, got " + dataset.id());
        }
        Path data = work.resolve(dataset.id() + "-" + rows);
        Path plain = input(data.resolve("plain"), false, out);
        Path gzip = input(data.resolve("gzip"), true, out);
        long maxHeap = Runtime.getRuntime().maxMemory();
        out.printf("JVM %s, %d cores, max heap %d MiB, dedupe memory %d MiB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), maxHeap >> 20, dedupeMemory() >> 20);
        out.println("input   run      rows  validate_s transform_s   total_s  rows/s  cpu_s  gc_s  peak_heap_MiB");
        List<Measurement> results = new ArrayList<>();
        for (Path input : List.of(plain, gzip)) {
            String label = input.getFileName().toString().endsWith(".gz") ? "gzip" : "plain";
            List<Measurement> runs = new ArrayList<>();
            for (int run = 0; run <= repeat; run++) {
                Measurement measurement = measure(dataset, input, work.resolve("out"));
                out.printf("%-6s %4s %9d %11.2f %11.2f %9.2f %7.0f %6.2f %5.2f %13d%n", label, run == 0 ? "warm" : run,
                        measurement.rows, measurement.validateSeconds, measurement.transformSeconds, measurement.totalSeconds(),
                        measurement.rowsPerSecond(), measurement.cpuSeconds, measurement.gcSeconds, measurement.peakHeapBytes >> 20);
                out.flush();
                if (run > 0) {
                    runs.add(measurement);
                }
            }
            runs.sort(Comparator.comparingDouble(Measurement::totalSeconds));
            Measurement median = runs.get(runs.size() / 2);
            results.add(median);
            out.printf("median %s: %.2f M rows/s wall, %.2f M rows/s per CPU-second%n", label,
                    median.rowsPerSecond() / 1e6, median.rows / median.cpuSeconds / 1e6);
        }
        // The anchor of issue 14: `gzip -1` of the same (plain) file, in the same run, median of as many runs.
        List<Double> gzipRuns = new ArrayList<>();
        for (int run = 0; run <= repeat; run++) {
            double seconds = gzipOneSeconds(plain);
            if (run > 0) {
                gzipRuns.add(seconds);
            }
        }
        gzipRuns.sort(Comparator.naturalOrder());
        double gzip1 = gzipRuns.get(gzipRuns.size() / 2);
        long peakRss = peakRssBytes();
        out.printf("gzip -1 of the plain file: %.2f s (median); validate + transform against it: plain %.2fx, gzip %.2fx%n",
                gzip1, gzip1 / results.get(0).totalSeconds(), gzip1 / results.get(1).totalSeconds());
        out.printf("peak RSS of this process: %d MiB%n", peakRss >> 20);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dataset", dataset.id());
        figures.put("rows", results.get(0).rows);
        figures.put("seconds", round(results.get(0).totalSeconds()));
        figures.put("rows_per_s", Math.round(results.get(0).rowsPerSecond()));
        figures.put("gzip_input_seconds", round(results.get(1).totalSeconds()));
        figures.put("gzip1_seconds", round(gzip1));
        figures.put("speed_vs_gzip1", round(gzip1 / results.get(0).totalSeconds()));
        figures.put("peak_rss_mb", peakRss >> 20);
        figures.put("heap_mb", maxHeap >> 20);
        out.println(BenchWarehouseCommand.json(figures));
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Wall time of {@code gzip -1} compressing {@code file} to nowhere. */
    private static double gzipOneSeconds(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process gzip = new ProcessBuilder("gzip", "-1", "-c", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int exit = gzip.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("gzip -1 of " + file + " exited with " + exit);
        }
        return (System.nanoTime() - start) / 1e9;
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

    private static long dedupeMemory() {
        return TransformConfig.defaultDedupeMemory(Runtime.getRuntime().maxMemory());
    }

    private static Measurement measure(Dataset dataset, Path input, Path outDirectory) throws Exception {
        Files.createDirectories(outDirectory);
        DirectoryObjectStore store = new DirectoryObjectStore(outDirectory);
        Path spill = Files.createDirectories(outDirectory.resolve(".spill"));
        ZoneKey raw = ZoneKey.parse("raw/" + dataset.id() + "/bench/" + input.getFileName());
        System.gc();
        HeapSampler heap = HeapSampler.start();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcBefore = gcMillis();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        StageResult validated = new ValidateStage().process(raw, ObjectVersion.ANY, new LocalInputStore(store, raw.key(), input));
        long middle = System.nanoTime();
        StageResult transformed = TransformStage.withMemory(dedupeMemory(), spill).process(raw.validated(), ObjectVersion.ANY, store);
        long end = System.nanoTime();
        long peakHeap = heap.stop();
        if (transformed.rowsIn() != validated.rowsValid()) {
            throw new IllegalStateException("rows lost between stages: " + validated.rowsValid() + " -> " + transformed.rowsIn());
        }
        return new Measurement(validated.rowsIn(), (middle - start) / 1e9, (end - middle) / 1e9,
                (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9, (gcMillis() - gcBefore) / 1e3, peakHeap);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** VmHWM from /proc (Linux); 0 elsewhere. */
    private static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Polls heap occupancy every few milliseconds: the highest reading is the peak heap the run needed. */
    private static final class HeapSampler implements Runnable {
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;
        private long peak;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }

    private record Measurement(long rows, double validateSeconds, double transformSeconds, double cpuSeconds, double gcSeconds,
            long peakHeapBytes) {
        double totalSeconds() {
            return validateSeconds + transformSeconds;
        }

        double rowsPerSecond() {
            return rows / totalSeconds();
        }
    }
}
