package io.backbeat.functions.csv;

import io.backbeat.events.contract.DatasetContract;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@link ValidatedRows} from decompressed bytes: {@link #next()} moves to the next row, whose values are byte
 * ranges of {@link #bytes()} (valid until the next call). No object is made per row or value.
 */
public final class ValidatedRowReader {
    private static final int BUFFER_SIZE = 1 << 17;

    private final InputStream in;
    private final int columns;
    private final int[] starts;
    private final int[] lengths;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean ended;
    private long line;
    private boolean quoteFree;
    /** Layout 3: a row's first varint carries the quote-free mark beside its line (layout 2: the line alone). */
    private final boolean marked;

    /**
     * @throws IllegalStateException when the header is not the one validate writes for this contract, in this
     *     layout or the one before (an object written by another version, or by anything else)
     */
    public ValidatedRowReader(InputStream in, DatasetContract contract, String key) throws IOException {
        this.in = in;
        this.columns = contract.columnNames().size();
        this.starts = new int[columns];
        this.lengths = new int[columns];
        byte[] expected = ValidatedRows.header(contract);
        byte[] header = in.readNBytes(expected.length); // the layouts' magic lines are of one length
        this.marked = Arrays.equals(header, expected);
        if (!marked && !Arrays.equals(header, ValidatedRows.header(contract, ValidatedRows.LAYOUT_2))) {
            throw new IllegalStateException("validated object " + key + " starts with '"
                    + new String(header, StandardCharsets.UTF_8).replace("\n", "\\n") + "', expected '"
                    + new String(expected, StandardCharsets.UTF_8).replace("\n", "\\n")
                    + "'; validated/ must only be written by the validate stage of the same version or the one before"
                    + " it: run its raw object through validate again (backbeat replay --key raw/...)");
        }
    }

    /** Moves to the next row; false at the end of the object. */
    public boolean next() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            if (parseRow()) {
                return true;
            }
            if (!fill()) {
                throw new EOFException("validated object ends inside a row");
            }
        }
    }

    /** Parses the row at {@code position} if it is all in the buffer; moves past it only then. */
    private boolean parseRow() {
        int at = position;
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (at == limit) {
                return false;
            }
            byte b = buffer[at++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        for (int c = 0; c < columns; c++) {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                if (at == limit) {
                    return false;
                }
                byte b = buffer[at++];
                length |= (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (length > limit - at) {
                return false;
            }
            starts[c] = at;
            lengths[c] = length;
            at += length;
        }
        line = marked ? value >>> 1 : value;
        quoteFree = marked && (value & 1) != 0;
        position = at;
        return true;
    }

    /** Keeps the unread bytes, reads more after them (growing the buffer when one row fills it); false at the end. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int kept = limit - position;
        if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else {
            System.arraycopy(buffer, position, buffer, 0, kept);
        }
        position = 0;
        limit = kept;
        int read = in.readNBytes(buffer, limit, buffer.length - limit);
        if (read <= 0) {
            ended = true;
            return false;
        }
        limit += read;
        return true;
    }

    public long line() {
        return line;
    }

    /** Whether validate wrote the current row as quote-free: none of its values holds a comma, a quote, CR or LF. */
    public boolean quoteFree() {
        return quoteFree;
    }

    /** The buffer holding the current row's values. */
    public byte[] bytes() {
        return buffer;
    }

    public int start(int column) {
        return starts[column];
    }

    public int length(int column) {
        return lengths[column];
    }

    /** The value as text: for the rare paths (non-streams datasets, messages). */
    public String text(int column) {
        return new String(buffer, starts[column], lengths[column], StandardCharsets.UTF_8);
    }

    public int columns() {
        return columns;
    }
}
