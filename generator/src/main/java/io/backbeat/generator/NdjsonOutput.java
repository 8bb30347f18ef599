package io.backbeat.generator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes JSON lines (newline-delimited JSON), each followed by LF as Firehose delivers records with a newline
 * appended. A good line is built field by field straight into bytes ({@link #startObject()}): for millions
 * of events, building a String per line and encoding it cost more than simulating the app. Other lines are
 * written as given bytes, so an injected line can hold bytes that are not UTF-8.
 */
final class NdjsonOutput implements Closeable {
    private final OutputStream out;
    private final ObjectFields fields = new ObjectFields();
    private byte[] line = new byte[2048];
    private int length;
    private boolean firstField;

    private NdjsonOutput(OutputStream out) {
        this.out = out;
    }

    static NdjsonOutput create(Path file, boolean gzip) {
        return new NdjsonOutput(new BufferedOutputStream(OutputFiles.create(file, gzip), 1 << 16));
    }

    /** Starts an object line: add its fields to what this returns, then {@link #endObject()}. */
    JsonFields startObject() {
        length = 0;
        firstField = true;
        put('{');
        return fields;
    }

    void endObject() {
        put('}');
        write(line, length);
    }

    /** The bytes of the object line written last, without its line end. */
    byte[] lastObject() {
        return Arrays.copyOf(line, length);
    }

    void line(String text) {
        line(text.getBytes(StandardCharsets.UTF_8));
    }

    void line(byte[] bytes) {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int count) {
        try {
            out.write(bytes, 0, count);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON lines: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish JSON lines: " + e.getMessage(), e);
        }
    }

    private void name(String name) {
        if (!firstField) {
            put(',');
        }
        firstField = false;
        string(name);
        put(':');
    }

    /** A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
    private void string(String value) {
        int size = value.length();
        // At most 6 bytes a character (a backslash-u escape), so plain characters need no bound check each.
        ensure(6L * size + 2);
        byte[] bytes = line;
        int at = length;
        bytes[at++] = '"';
        for (int i = 0; i < size; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[at++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                bytes[at++] = '\\';
                bytes[at++] = (byte) c;
            } else if (c < 0x20 || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < size && Character.isLowSurrogate(value.charAt(i + 1)))) {
                length = at;
                escape(c);
                at = length;
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xC0 | c >> 6);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                bytes[at++] = (byte) (0xF0 | codePoint >> 18);
                bytes[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                bytes[at++] = (byte) (0xE0 | c >> 12);
                bytes[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        bytes[at++] = '"';
        length = at;
    }

    private void escape(char c) {
        switch (c) {
            case '\n' -> ascii("\\n");
            case '\r' -> ascii("\\r");
            case '\t' -> ascii("\\t");
            default -> ascii(String.format("\\u%04x", (int) c));
        }
    }

    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            put(text.charAt(i));
        }
    }

    private void put(int b) {
        ensure(1);
        line[length++] = (byte) b;
    }

    private void ensure(long more) {
        if (length + more > line.length) {
            line = Arrays.copyOf(line, (int) Math.max(2L * line.length, length + more));
        }
    }

    private final class ObjectFields implements JsonFields {
        @Override
        public JsonFields text(String name, String value) {
            name(name);
            string(value);
            return this;
        }

        @Override
        public JsonFields number(String name, long value) {
            return json(name, Long.toString(value));
        }

        @Override
        public JsonFields json(String name, String json) {
            name(name);
            ascii(json);
            return this;
        }
    }
}
