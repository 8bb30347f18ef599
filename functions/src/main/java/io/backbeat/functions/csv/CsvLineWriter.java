package io.backbeat.functions.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes records as RFC 4180 CSV in UTF-8 straight into a byte buffer: LF line ends, a field quoted
 * only when it holds a comma, a quote, CR or LF. Written here rather than with FastCSV's writer
 * because the pipeline's rows are nearly all short ASCII fields, which this writer copies into its
 * byte buffer in one pass, while FastCSV's writer scans every character and then a {@code Writer}
 * encodes them again; on the 10M-row benchmark this writer took a third of the time (BENCHMARKS.md).
 * FastCSV still reads every file, and the tests read this writer's output back with FastCSV.
 */
public final class CsvLineWriter {
    private static final int BUFFER_SIZE = 1 << 16;

    private final OutputStream out;
    private final byte[] buffer;
    private int used;

    public CsvLineWriter(OutputStream out) {
        this(out, BUFFER_SIZE);
    }

    private CsvLineWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    /** Appends bytes that already are whole CSV records (a staged row transform built). */
    public void writeEncoded(byte[] records, int offset, int length) throws IOException {
        if (used + length > buffer.length) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(records, offset, length);
                return;
            }
        }
        System.arraycopy(records, offset, buffer, used, length);
        used += length;
    }

    public void write(String[] fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            field(fields[i]);
        }
        put((byte) '\n');
    }

    void write(Iterable<String> fields) throws IOException {
        boolean first = true;
        for (String field : fields) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            field(field);
        }
        put((byte) '\n');
    }

    private void field(String value) throws IOException {
        // Nearly every field is short ASCII with nothing to quote: copy its chars straight into the
        // buffer in one pass. Anything else (non-ASCII, a special, no room) takes the general path.
        int length = value.length();
        if (used + length <= buffer.length) {
            int at = used;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
                    generalField(value);
                    return;
                }
                buffer[at++] = (byte) c;
            }
            used = at;
            return;
        }
        generalField(value);
    }

    private void generalField(String value) throws IOException {
        // Any byte of a multi-byte UTF-8 character is >= 0x80, never a special.
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        boolean quote = false;
        for (byte b : bytes) {
            if (b == ',' || b == '"' || b == '\n' || b == '\r') {
                quote = true;
                break;
            }
        }
        if (quote) {
            bytes = ('"' + value.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8);
        }
        if (used + bytes.length > buffer.length) {
            flushBuffer();
            if (bytes.length > buffer.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void put(byte b) throws IOException {
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = b;
    }

    /** Hands what is buffered to the stream, without closing it. */
    public void flush() throws IOException {
        flushBuffer();
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    /** Writes out what is buffered and closes the stream. */
    public void close() throws IOException {
        flushBuffer();
        out.close();
    }
}
