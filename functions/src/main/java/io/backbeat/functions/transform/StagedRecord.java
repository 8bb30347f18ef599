package io.backbeat.functions.transform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One staged row being built as a CSV line (UTF-8, LF, a field quoted only when it holds a comma, a quote, CR or LF,
 * as {@code CsvLineWriter} writes), and its natural key beside it, in buffers reused for every row.
 */
final class StagedRecord {
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean firstField = true;
    private byte[] key = new byte[128];
    private int keyLength;
    private boolean firstKeyPart = true;

    void reset() {
        lineLength = 0;
        keyLength = 0;
        firstField = true;
        firstKeyPart = true;
    }

    /** Appends a field from UTF-8 bytes, quoting it if it needs quotes. */
    void field(byte[] bytes, int offset, int length) {
        ensureLine(2 * length + 3);
        if (!firstField) {
            line[lineLength++] = ',';
        }
        firstField = false;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == ',' || b == '"' || b == '\n' || b == '\r') {
                quoted(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    void field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(bytes, 0, bytes.length);
    }

    /** Appends a field of small non-negative integer text (no quoting needed), e.g. an hour. */
    void field(int value) {
        ensureLine(12);
        if (!firstField) {
            line[lineLength++] = ',';
        }
        firstField = false;
        if (value >= 10) {
            line[lineLength++] = (byte) ('0' + value / 10 % 10);
        }
        line[lineLength++] = (byte) ('0' + value % 10);
    }

    private void quoted(byte[] bytes, int offset, int length) {
        line[lineLength++] = '"';
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == '"') {
                line[lineLength++] = '"';
            }
            line[lineLength++] = bytes[i];
        }
        line[lineLength++] = '"';
    }

    void endLine() {
        ensureLine(1);
        line[lineLength++] = '\n';
    }

    /** Appends a key part: parts are joined by a unit separator, which a checked key value never holds. */
    void keyPart(byte[] bytes, int offset, int length) {
        int needed = keyLength + length + 1;
        if (needed > key.length) {
            key = Arrays.copyOf(key, Math.max(needed, key.length * 2));
        }
        if (!firstKeyPart) {
            key[keyLength++] = 0x1f;
        }
        firstKeyPart = false;
        System.arraycopy(bytes, offset, key, keyLength, length);
        keyLength += length;
    }

    private void ensureLine(int more) {
        if (lineLength + more > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + more, line.length * 2));
        }
    }

    byte[] line() {
        return line;
    }

    int lineLength() {
        return lineLength;
    }

    byte[] key() {
        return key;
    }

    int keyLength() {
        return keyLength;
    }
}
