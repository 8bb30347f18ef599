package io.backbeat.cli.bench;

import io.backbeat.cli.DirectoryObjectStore;
import io.backbeat.cli.LocalInputStore;
import io.backbeat.events.Dataset;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformStage;
import io.backbeat.functions.validate.ValidateStage;
import java.io.IOException;
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

/**
 * The measured side of {@code backbeat bench ingest}, run in a JVM of its own with a function's heap and JIT flags:
 * validate + transform on the plain, then the gzip input, once to warm up and {@code repeat} times measured, one line
 * per run, then one JSON line of both inputs' median runs. Each measured run comes right after a {@code gzip -1} of the
 * plain input (the anchor), and its speed is taken against that one: this host's speed drifts by more than the
 * figures measured over a few minutes, so a ratio of two medians taken minutes apart moved by a third between two runs
 * of the same jar, and a ratio of neighbours does not. Arguments: dataset, plain input, gzip input, scratch directory,
 * repeat.
 */
final class IngestChild {

    private IngestChild() {}

    public static void main(String[] args) throws Exception {
        Dataset dataset = Dataset.of(args[0]);
        List<Path> inputs = List.of(Path.of(args[1]), Path.of(args[2]));
        Path work = Path.of(args[3]);
        int repeat = Integer.parseInt(args[4]);
        Map<String, Object> medians = new LinkedHashMap<>();
        for (Path input : inputs) {
            String label = input.getFileName().toString().endsWith(".gz") ? "gzip" : "plain";
            List<Measurement> runs = new ArrayList<>();
            List<Double> anchors = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            Measurement first = null;
            for (int run = 0; run <= repeat; run++) {
                double anchor = run == 0 ? Double.NaN : gzipOneSeconds(inputs.get(0));
                Measurement measurement = measure(dataset, input, work);
                System.out.printf("%-6s %4s %9d %11.2f %11.2f %9.2f %7.0f %6.2f %5.2f %13d %s%n", label,
                        run == 0 ? "warm" : run, measurement.rows, measurement.validateSeconds,
                        measurement.transformSeconds, measurement.totalSeconds(), measurement.rowsPerSecond(),
                        measurement.cpuSeconds, measurement.gcSeconds, measurement.peakHeapBytes >> 20,
                        run == 0 ? "" : String.format("%8.2f %9.2f", anchor, anchor / measurement.totalSeconds()));
                System.out.flush();
                if (run > 0) {
                    runs.add(measurement);
                    anchors.add(anchor);
                    ratios.add(anchor / measurement.totalSeconds());
                } else {
                    first = measurement;
                }
            }
            runs.sort(Comparator.comparingDouble(Measurement::totalSeconds));
            Measurement median = runs.get(runs.size() / 2);
            // The warm-up run is also the one a fresh container does: its heap never touched, its code not compiled.
            medians.put(label, Map.of("rows", median.rows, "validate_s", median.validateSeconds,
                    "transform_s", median.transformSeconds, "seconds", median.totalSeconds(), "cpu_s", median.cpuSeconds,
                    "first_seconds", first.totalSeconds(), "gzip1_s", median(anchors), "speed_vs_gzip1", median(ratios)));
        }
        medians.put("peak_rss_mb", peakRssBytes() >> 20);
        medians.put("heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        medians.put("dedupe_mb", dedupeMemory() >> 20);
        System.out.println(BenchWarehouseCommand.json(medians));
    }

    /** The middle value (the upper one of an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    /** Wall time of {@code gzip -1} compressing {@code file} to nowhere: the anchor of issue 14. */
    static double gzipOneSeconds(Path file) throws IOException, InterruptedException {
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

    private static long dedupeMemory() {
        return TransformConfig.defaultDedupeMemory(Runtime.getRuntime().maxMemory());
    }

    static Measurement measure(Dataset dataset, Path input, Path outDirectory) throws Exception {
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
