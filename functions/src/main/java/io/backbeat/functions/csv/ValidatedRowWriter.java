package io.backbeat.functions.csv;

import io.backbeat.events.contract.DatasetContract;
import io.backbeat.functions.storage.ObjectOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes {@link ValidatedRows}: one row at a time, {@link #beginRow}, then a {@link #field} per contract column, in
 * canonical order. Rows are gathered in a buffer of its own and handed to zstd 128 KiB at a time (each hand-over is a
 * native call).
 */
public final class ValidatedRowWriter implements AutoCloseable {
    private static final int BUFFER_SIZE = 1 << 17;

    private final ZstdObject object;
    private final OutputStream zstd;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int used;
    private long rows;

    private ValidatedRowWriter(ObjectOutput output, DatasetContract contract) throws IOException {
        this.object = new ZstdObject(output, ValidatedRows.ZSTD_LEVEL);
        this.zstd = object.stream();
        byte[] header = ValidatedRows.header(contract);
        ensure(header.length);
        System.arraycopy(header, 0, buffer, 0, header.length);
        used = header.length;
    }

    public static ValidatedRowWriter of(ObjectOutput output, DatasetContract contract) throws IOException {
        return new ValidatedRowWriter(output, contract);
    }

    /** Starts a row: its line in the raw object. */
    public void beginRow(long line) throws IOException {
        begin(line << 1);
    }

    /**
     * Starts a row none of whose values holds a comma, a quote, CR or LF, which the caller has checked (validate's fast
     * path: digits, track ids, canonical times): transform copies such a row's values as they are.
     */
    public void beginQuoteFreeRow(long line) throws IOException {
        begin(line << 1 | 1);
    }

    private void begin(long lineAndFlag) throws IOException {
        if (used > BUFFER_SIZE - 32) {
            flushBuffer();
        }
        varint(lineAndFlag);
        rows++;
    }

    /** A whole row of values (canonical column order). */
    public void row(long line, String[] values) throws IOException {
        beginRow(line);
        for (String value : values) {
            field(value);
        }
    }

    public void field(String value) throws IOException {
        int length = value.length();
        ensure(length + 5);
        int lengthAt = used;
        int at = lengthAt + (length < 0x80 ? 1 : 5);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                bytesField(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buffer[at++] = (byte) c;
        }
        finishField(lengthAt, length);
    }

    /** The characters {@code chars[offset, offset + length)} as a value. */
    public void field(char[] chars, int offset, int length) throws IOException {
        ensure(length + 5);
        int lengthAt = used;
        int at = lengthAt + (length < 0x80 ? 1 : 5);
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                bytesField(new String(chars, offset, length).getBytes(StandardCharsets.UTF_8));
                return;
            }
            buffer[at++] = (byte) c;
        }
        finishField(lengthAt, length);
    }

    /** Writes the length before the ASCII bytes already copied after room left for it. */
    private void finishField(int lengthAt, int length) {
        if (length < 0x80) {
            buffer[lengthAt] = (byte) length;
            used = lengthAt + 1 + length;
        } else {
            used = lengthAt;
            varint(length);
            System.arraycopy(buffer, lengthAt + 5, buffer, used, length);
            used += length;
        }
    }

    private void bytesField(byte[] bytes) throws IOException {
        ensure(bytes.length + 5);
        varint(bytes.length);
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void varint(long value) {
        while ((value & ~0x7fL) != 0) {
            buffer[used++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buffer[used++] = (byte) value;
    }

    /** Room for {@code bytes} more: flushes, and grows only for a value larger than the buffer. */
    private void ensure(int bytes) throws IOException {
        if (used + bytes <= buffer.length) {
            return;
        }
        flushBuffer();
        if (bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, bytes);
        }
    }

    /** Hands whole rows to zstd; a row is never split across calls needlessly, but may be (the stream does not care). */
    private void flushBuffer() throws IOException {
        zstd.write(buffer, 0, used);
        used = 0;
    }

    public long rows() {
        return rows;
    }

    public String key() {
        return object.key();
    }

    public long bytesWritten() {
        return object.bytesWritten();
    }

    /** Finishes the stream and publishes the object. */
    @Override
    public void close() throws IOException {
        flushBuffer();
        object.publish();
    }

    /** Discards everything; nothing is published. */
    public void abort() {
        object.discard();
    }
}
