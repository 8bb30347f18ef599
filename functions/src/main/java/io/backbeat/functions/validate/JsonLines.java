package io.backbeat.functions.validate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits decoded text into lines of bytes, for JSON-lines objects: LF ends a line, a CR just before it is
 * dropped, a UTF-8 byte-order mark at the very start is skipped. Lines are numbered as in the file (1-based),
 * blank ones included, so a rejection names the line a person finds in an editor. A line longer than the
 * dataset's limit is read to its end but only its start is kept ({@link #truncated()}): one runaway line must not
 * hold a whole object in memory.
 */
final class JsonLines {
    private static final int BUFFER_SIZE = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean truncated;
    private long number;

    JsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Moves to the next line; false at the end of the text. */
    boolean next() throws IOException {
        length = 0;
        truncated = false;
        boolean any = false;
        boolean endOfLine = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            append(position, end - position);
            endOfLine = end < limit;
            position = endOfLine ? end + 1 : end;
            if (endOfLine) {
                break;
            }
        }
        number++;
        if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
        }
        if (endOfLine && !truncated && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void append(int from, int count) {
        int room = maxLineBytes - length;
        if (count > room) {
            truncated = true;
            count = room;
        }
        if (count <= 0) {
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    /** The current line's bytes, valid until the next call of {@link #next}; see {@link #length()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether the current line was longer than the limit (only its start is kept). */
    boolean truncated() {
        return truncated;
    }

    long number() {
        return number;
    }

    /** Empty, or only spaces and tabs: not a row. */
    boolean blank() {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
