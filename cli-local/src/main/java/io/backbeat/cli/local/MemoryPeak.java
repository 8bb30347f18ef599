package io.backbeat.cli.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The peak memory of a local run: the resident set of this JVM and every process it started (the
 * embedded PostgreSQL, the Node runner of the state machine), summed and sampled twice a second from
 * {@code /proc}, and the JVM's own peak heap. Where there is no {@code /proc}, only the heap is known.
 */
final class MemoryPeak implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 500;

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakResidentKiB;

    private MemoryPeak() {
        sampler = new Thread(this::sample, "local-run-memory");
        sampler.setDaemon(true);
    }

    static MemoryPeak start() {
        MemoryPeak peak = new MemoryPeak();
        peak.sampler.start();
        return peak;
    }

    /** The largest summed resident set seen, in MiB; empty without {@code /proc}. */
    Optional<Long> residentMiB() {
        long kib = Math.max(peakResidentKiB, residentKiB());
        return kib > 0 ? Optional.of(kib / 1024) : Optional.empty();
    }

    /** The JVM's peak heap use, in MiB, over all heap pools. */
    static long heapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    private void sample() {
        while (running) {
            peakResidentKiB = Math.max(peakResidentKiB, residentKiB());
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long residentKiB() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants()).mapToLong(process -> residentKiB(process.pid())).sum();
    }

    private static long residentKiB(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc here, or the process just ended
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
