package io.backbeat.functions.transform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One staged row being built as a CSV line (UTF-8, LF, a field quoted only when it holds a comma, a quote, CR or LF,
 * as {@code CsvLineWriter} writes), and its natural key, in buffers reused for every row.
 *
 * <p>The key is either built beside the line ({@link #keyPart}) or, when the key columns lead the row in order (plays),
 * is the start of the line itself ({@link #keyIsLineSoFar}): the CSV text of a list of fields, as written here, is
 * itself an exact key, since it parses back to the same fields only (a field with a comma or quote is always quoted, an
 * unquoted field never starts with a quote). That saves copying every play's key once more (issue 14).
 */
final class StagedRecord {
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean firstField = true;
    private byte[] key = new byte[128];
    private int keyLength;
    private boolean firstKeyPart = true;
    private boolean keyInLine;

    void reset() {
        lineLength = 0;
        keyLength = 0;
        firstField = true;
        firstKeyPart = true;
        keyInLine = false;
    }

    /** The key is the line as written so far (the fields of the key, in order, and nothing else yet). */
    void keyIsLineSoFar() {
        keyInLine = true;
        keyLength = lineLength;
    }

    /** Makes this record a copy of the given key and line bytes (a record read back from a spill file). */
    void copyOf(byte[] keyBytes, int keyBytesLength, byte[] lineBytes, int lineBytesLength) {
        reset();
        if (key.length < keyBytesLength) {
            key = new byte[keyBytesLength];
        }
        System.arraycopy(keyBytes, 0, key, 0, keyBytesLength);
        keyLength = keyBytesLength;
        ensureLine(lineBytesLength);
        System.arraycopy(lineBytes, 0, line, 0, lineBytesLength);
        lineLength = lineBytesLength;
    }

    /** Appends a field from UTF-8 bytes, quoting it if it needs quotes. */
    void field(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == ',' || b == '"' || b == '\n' || b == '\r') {
                separate(2 * length + 2);
                quoted(bytes, offset, length);
                return;
            }
        }
        fieldAsIs(bytes, offset, length);
    }

    /** Appends a field that needs no quotes (the caller knows it holds no comma, quote, CR or LF), as it is. */
    void fieldAsIs(byte[] bytes, int offset, int length) {
        separate(length);
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    void field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(bytes, 0, bytes.length);
    }

    /** Appends a field of small non-negative integer text (no quoting needed), e.g. an hour. */
    void field(int value) {
        separate(11);
        if (value >= 10) {
            line[lineLength++] = (byte) ('0' + value / 10 % 10);
        }
        line[lineLength++] = (byte) ('0' + value % 10);
    }

    /** Makes room for a separator and {@code more} bytes, and writes the separator unless this is the first field. */
    private void separate(int more) {
        ensureLine(more + 1);
        if (!firstField) {
            line[lineLength++] = ',';
        }
        firstField = false;
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
        return keyInLine ? line : key;
    }

    int keyLength() {
        return keyLength;
    }
}
