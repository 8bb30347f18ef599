package io.backbeat.functions.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV record's fields, copied out of FastCSV's buffer into arrays reused for every record: FastCSV's callback
 * handler API, so reading a row makes no {@code CsvRecord}, no list and no string until a value is asked for.
 * Build a reader with {@link CsvRecords#fields}; the record it returns is the same object each time, valid until the
 * next one is read.
 */
public final class CsvFields {
    private long line;
    private int count;
    private char[] chars = new char[256];
    private int used;
    private int[] starts = new int[16];
    private int[] lengths = new int[16];

    /** The line the record starts on (1 = the first line of the object). */
    public long line() {
        return line;
    }

    public int count() {
        return count;
    }

    /** The characters of every field of the record; field {@code i} is {@code chars()[start(i), start(i) + length(i))}. */
    public char[] chars() {
        return chars;
    }

    public int start(int field) {
        return starts[field];
    }

    public int length(int field) {
        return lengths[field];
    }

    public String text(int field) {
        return new String(chars, starts[field], lengths[field]);
    }

    public List<String> texts() {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(text(i));
        }
        return texts;
    }

    private void begin(long startingLine) {
        line = startingLine;
        count = 0;
        used = 0;
    }

    private void add(char[] buffer, int offset, int length) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        if (used + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        System.arraycopy(buffer, offset, chars, used, length);
        starts[count] = used;
        lengths[count] = length;
        used += length;
        count++;
    }

    /** Fills one {@link CsvFields} per record. */
    static final class Handler extends AbstractBaseCsvCallbackHandler<CsvFields> {
        private final CsvFields fields = new CsvFields();

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.begin(startingLineNumber);
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            fields.add(buf, offset, len);
        }

        @Override
        protected CsvFields buildRecord() {
            return fields;
        }
    }
}
