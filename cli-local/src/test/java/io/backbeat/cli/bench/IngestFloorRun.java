package io.backbeat.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.TrackIdType;
import io.backbeat.functions.csv.CsvFields;
import io.backbeat.functions.csv.CsvRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The floors of the ingest path (BENCHMARKS.md, "Ingest for the function as deployed"), on the files of a
 * {@code backbeat bench ingest} run, on demand only (its name matches no test pattern, so the suite never runs it):
 * FastCSV reading the plain file with a handler that does nothing, the least per-row work validate must do on top of
 * that (each play's fields copied out of FastCSV's buffer, checked, and narrowed to the bytes it writes), gunzip of the
 * gzip file, and zstd at the levels considered for each zone, on the decompressed outputs of the bench, one thread,
 * best of 3.
 *
 * <pre>
 * ./mvnw -q -B -pl cli-local -am test -Dtest=IngestFloorRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbackbeat.testJvm="-Xmx4g -XX:+UseSerialGC -XX:ActiveProcessorCount=1" \
 *     -Dbackbeat.floor.work=out/bench        # the bench's --work folder, after a 10M-row run
 * </pre>
 *
 * <p>{@code backbeat.testJvm} replaces the suite's C1-only flags: the floors are for the deployed JIT (tiered).
 */
class IngestFloorRun {

    @Test
    void floorsOfTheIngestPath() throws Exception {
        String work = System.getProperty("backbeat.floor.work");
        assertThat(work).as("-Dbackbeat.floor.work=<the bench's --work folder>").isNotBlank();
        Path root = Path.of(work);
        Path plain = root.resolve("streams-10000000/plain/streams.csv");
        Path gzip = root.resolve("streams-10000000/gzip/streams.csv.gz");
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            long records = 0;
            try (CsvReader<Object> reader = CsvReader.builder().build(new NothingHandler(), Files.newInputStream(plain),
                    StandardCharsets.UTF_8)) {
                for (Object ignored : reader) {
                    records++;
                }
            }
            double parse = seconds(start);
            start = System.nanoTime();
            long[] checked = checkedAndNarrowed(plain);
            double validateFloor = seconds(start);
            start = System.nanoTime();
            long bytes = drain(new GZIPInputStream(Files.newInputStream(gzip), 1 << 16));
            System.out.printf("FastCSV, nothing else: %d records in %.2f s; plus fields copied, checked and narrowed: "
                    + "%d of %d canonical in %.2f s; gunzip: %d bytes in %.2f s%n", records, parse, checked[1], checked[0],
                    validateFloor, bytes, seconds(start));
        }
        zstdLevels(decompressed(root.resolve("out/validated/streams/bench/streams.csv.zst")), "validated", 1, -1, -5);
        zstdLevels(decompressed(root.resolve("out/staged/streams/bench/streams.csv.zst")), "staged", 1, -1, -3, -5);
    }

    /**
     * What validate cannot skip for a play beyond parsing: its fields copied out of FastCSV's buffer (the buffer moves
     * under a record), each value checked (a user id in plain digits, a track id, a canonical listen time) and its
     * characters narrowed to the bytes written, into a buffer reused without compression. Returns rows, canonical
     * rows and (about) the bytes written.
     */
    private static long[] checkedAndNarrowed(Path plain) throws Exception {
        long rows = 0;
        long canonical = 0;
        byte[] out = new byte[1 << 17];
        int used = 0;
        long written = 0; // read back from the buffer, so the JIT cannot drop the copies
        try (CsvReader<CsvFields> reader = CsvRecords.fields(Files.newInputStream(plain))) {
            Iterator<CsvFields> records = reader.iterator();
            records.next(); // the header
            while (records.hasNext()) {
                CsvFields row = records.next();
                rows++;
                char[] chars = row.chars();
                if (row.count() != 3 || !digits(chars, row.start(0), row.length(0))
                        || !TrackIdType.isTrackId(chars, row.start(1), row.length(1))
                        || !ListenTime.isValidCanonical(chars, row.start(2), row.length(2))) {
                    continue;
                }
                canonical++;
                if (used > out.length - 256) {
                    written += used + out[used - 1];
                    used = 0;
                }
                for (int field = 0; field < 3; field++) {
                    out[used++] = (byte) row.length(field);
                    for (int i = row.start(field), end = i + row.length(field); i < end; i++) {
                        out[used++] = (byte) chars[i];
                    }
                }
            }
        }
        return new long[] {rows, canonical, written + used};
    }

    private static boolean digits(char[] chars, int start, int length) {
        if (length < 1 || length > 18) {
            return false;
        }
        for (int i = start; i < start + length; i++) {
            if (chars[i] < '0' || chars[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static void zstdLevels(byte[] data, String zone, int... levels) throws Exception {
        for (int level : levels) {
            double compress = Double.MAX_VALUE;
            double decompress = Double.MAX_VALUE;
            int size = 0;
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                ByteArrayOutputStream out = new ByteArrayOutputStream(data.length); // never grows: growing copies
                try (ZstdOutputStream zstd = new ZstdOutputStream(out, level)) {
                    for (int offset = 0; offset < data.length; offset += 1 << 17) {
                        zstd.write(data, offset, Math.min(1 << 17, data.length - offset));
                    }
                }
                compress = Math.min(compress, seconds(start));
                size = out.size();
                start = System.nanoTime();
                drain(new ZstdInputStream(new ByteArrayInputStream(out.toByteArray())));
                decompress = Math.min(decompress, seconds(start));
            }
            System.out.printf("%s (%d bytes), zstd level %d: compress %.2f s, ratio %.2f, decompress %.2f s%n", zone,
                    data.length, level, compress, (double) data.length / size, decompress);
        }
    }

    private static byte[] decompressed(Path file) throws Exception {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                total += read;
            }
        }
        return total;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads every field and keeps nothing: what parsing alone costs. */
    private static final class NothingHandler extends AbstractBaseCsvCallbackHandler<Object> {
        private long characters;

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            characters += len;
        }

        @Override
        protected Object buildRecord() {
            return this;
        }
    }
}
