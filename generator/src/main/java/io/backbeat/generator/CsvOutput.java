package io.backbeat.generator;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV rows as UTF-8 with RFC 4180 quoting and LF line ends, straight into a byte buffer: for ten
 * million short rows a {@code Writer} plus a charset encoder costs more than making the rows. Fields with
 * a separator, quote, line break or surrounding blank are quoted. One field of a row may be written in
 * ISO-8859-1 instead, the way a legacy export would write it, to inject bytes that are not UTF-8.
 *
 * <p>Not the functions' {@code CsvLineWriter}, on purpose: this one writes what uploaders send, including what
 * the pipeline must never write (a field that is not UTF-8, quoting where the pipeline's writer would not), and
 * the generator stays independent of the code whose output the tests check against its manifest.
 */
final class CsvOutput implements Closeable {
    static final int NO_LATIN1_FIELD = -1;

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int position;

    private CsvOutput(OutputStream out) {
        this.out = out;
    }

    /** Creates (or replaces) a file, gzip-compressed when asked. */
    static CsvOutput create(Path file, boolean gzip) {
        return new CsvOutput(OutputFiles.create(file, gzip));
    }

    void row(List<String> fields) {
        row(fields.toArray(String[]::new), NO_LATIN1_FIELD);
    }

    void row(String[] fields) {
        row(fields, NO_LATIN1_FIELD);
    }

    void row(String[] fields, int latin1Field) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            field(fields[i], i == latin1Field);
        }
        put((byte) '\n');
    }

    private void field(String value, boolean latin1) {
        if (!writtenAsPlainAscii(value)) {
            writeEncoded(value, latin1);
        }
    }

    /**
     * The common case in one pass: a field of printable ASCII without separators or quotes is copied
     * as is. Returns false, having written nothing, for any other field.
     */
    private boolean writtenAsPlainAscii(String value) {
        int length = value.length();
        if (length == 0) {
            return true;
        }
        if (length > buffer.length || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        if (position + length > buffer.length) {
            drain();
        }
        int at = position;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < ' ' || c >= 0x7F || c == ',' || c == '"') {
                return false;
            }
            buffer[at++] = (byte) c;
        }
        position = at;
        return true;
    }

    private void writeEncoded(String value, boolean latin1) {
        boolean quoted = needsQuotes(value);
        if (quoted) {
            put((byte) '"');
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    put((byte) '"');
                }
                put((byte) c);
            } else if (latin1) {
                put((byte) (c <= 0xFF ? c : '?'));
            } else if (c < 0x800) {
                put((byte) (0xC0 | c >> 6));
                put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | codePoint >> 18));
                put((byte) (0x80 | codePoint >> 12 & 0x3F));
                put((byte) (0x80 | codePoint >> 6 & 0x3F));
                put((byte) (0x80 | codePoint & 0x3F));
            } else {
                put((byte) (0xE0 | c >> 12));
                put((byte) (0x80 | c >> 6 & 0x3F));
                put((byte) (0x80 | c & 0x3F));
            }
        }
        if (quoted) {
            put((byte) '"');
        }
    }

    static boolean needsQuotes(String value) {
        int length = value.length();
        if (length == 0) {
            return false;
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(length - 1))) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void put(byte b) {
        if (position == buffer.length) {
            drain();
        }
        buffer[position++] = b;
    }

    private void drain() {
        try {
            out.write(buffer, 0, position);
            position = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (out) {
            drain();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish CSV: " + e.getMessage(), e);
        }
    }
}
