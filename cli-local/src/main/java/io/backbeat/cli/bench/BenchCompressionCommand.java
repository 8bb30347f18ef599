package io.backbeat.cli.bench;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat bench compression}: the measurement behind the choice of zstd level 1 for staged files. */
@Command(
        name = "compression",
        mixinStandardHelpOptions = true,
        description = "Compresses a file in memory with the codecs Redshift COPY reads (gzip, zstd) at several levels and"
                + " prints MB/s and ratio, best of --repeat runs, one thread.",
        footer = {"", "Example:", "  backbeat bench compression out/bench/data-10000000/plain/streams.csv"})
final class BenchCompressionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the file to compress (read into memory once)")
    Path file;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "3", description = "runs per codec (default: ${DEFAULT-VALUE})")
    int repeat;

    private interface Codec {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        byte[] content = Files.readAllBytes(file);
        Map<String, Codec> codecs = new LinkedHashMap<>();
        codecs.put("gzip -1", o -> new LevelledGzip(o, 1));
        codecs.put("gzip -6", o -> new LevelledGzip(o, 6));
        codecs.put("zstd -3 (fast)", o -> new ZstdOutputStream(o, -3));
        codecs.put("zstd 1", o -> new ZstdOutputStream(o, 1));
        codecs.put("zstd 3", o -> new ZstdOutputStream(o, 3));
        out.printf("%s: %d MB%n%-16s %8s %7s%n", file, content.length / 1_000_000, "codec", "MB/s", "ratio");
        for (Map.Entry<String, Codec> codec : codecs.entrySet()) {
            double best = Double.MAX_VALUE;
            long size = 0;
            for (int run = 0; run < repeat; run++) {
                CountingSink sink = new CountingSink();
                long start = System.nanoTime();
                try (OutputStream compressed = codec.getValue().wrap(sink)) {
                    for (int offset = 0; offset < content.length; offset += 1 << 16) {
                        compressed.write(content, offset, Math.min(1 << 16, content.length - offset));
                    }
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
                size = sink.count;
            }
            out.printf("%-16s %8.0f %7.2f%n", codec.getKey(), content.length / best / 1e6, (double) content.length / size);
            out.flush();
        }
        return 0;
    }

    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
