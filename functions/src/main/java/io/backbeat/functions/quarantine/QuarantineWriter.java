package io.backbeat.functions.quarantine;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.backbeat.events.ReasonCode;
import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rejected rows as plain CSV ({@code line,column,reason,message,raw}) for people to open. The
 * object is created on the first rejection, so clean inputs leave no empty file behind. Also tallies
 * rejections per reason and keeps the first few as samples for the report.
 */
public final class QuarantineWriter implements AutoCloseable {
    public static final List<String> HEADER = List.of("line", "column", "reason", "message", "raw");
    static final int SAMPLE_SIZE = 20;

    private final ObjectStore store;
    private final String key;
    private final Map<ReasonCode, Long> counts = new EnumMap<>(ReasonCode.class);
    private final List<RejectedRow> samples = new ArrayList<>();
    private ObjectOutput output;
    private CsvWriter csv;
    private long rows;

    public QuarantineWriter(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
    }

    public void reject(RejectedRow row) throws IOException {
        if (csv == null) {
            output = store.create(key, "text/csv; charset=utf-8");
            csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(output, StandardCharsets.UTF_8);
            csv.writeRecord(HEADER);
        }
        csv.writeRecord(Long.toString(row.line()), row.column() == null ? "" : row.column(), row.reason().code(),
                row.message(), row.raw());
        counts.merge(row.reason(), 1L, Long::sum);
        if (samples.size() < SAMPLE_SIZE) {
            samples.add(row);
        }
        rows++;
    }

    public long rows() {
        return rows;
    }

    public Map<ReasonCode, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public List<RejectedRow> samples() {
        return List.copyOf(samples);
    }

    /** The key written, or null when nothing was rejected. */
    public String writtenKey() {
        return csv == null ? null : key;
    }

    public long bytesWritten() {
        return output == null ? 0 : output.bytesWritten();
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
    }

    /** Discards the rejects written so far (the whole object is being rejected instead). */
    public void abort() {
        if (output != null) {
            output.abort();
        }
    }
}
