package io.backbeat.localcloud.redshift;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rewrites a CSV byte stream on its way into PostgreSQL's {@code COPY ... (FORMAT csv, NULL '')} so
 * that empty and blank fields load as Redshift's COPY loads them, and skips the header lines.
 *
 * <p>PostgreSQL then sees only two cases: an unquoted empty field is NULL, a quoted {@code ""} is the
 * empty string. This filter decides which one each unquoted empty or blank field becomes
 * (<a href="https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html">Redshift's
 * data conversion parameters</a>):
 *
 * <ul>
 *   <li>an unquoted field equal to the null string ({@code NULL AS}, by default {@code \N}) is NULL,
 *       whatever the column's type ("Loads fields that match null_string as NULL ... The default
 *       null_string is '\N'");
 *   <li>columns of other types than text: empty or blank is NULL;
 *   <li>text columns: empty is NULL with EMPTYASNULL (or {@code NULL AS ''}, which "produce the same
 *       behavior") and {@code ''} without; blank (spaces and tabs only) is NULL with BLANKSASNULL and
 *       kept as is without.
 * </ul>
 *
 * A field holding a quote anywhere is passed through untouched, so a quoted {@code "\N"} or {@code ""}
 * is text. AWS does not document whether a quoted field can match the null string; this follows
 * PostgreSQL's CSV rule (a quoted value is never NULL), and docs/local-redshift.md says so. Quotes toggle quoting wherever
 * they appear, as in PostgreSQL's CSV reader, so both agree on where fields and records end. UTF-8
 * needs no decoding: no byte of a multi-byte character is an ASCII delimiter, quote or blank.
 */
final class CsvNullFields extends OutputStream {
    private static final byte[] EMPTY_STRING = {'"', '"'};

    private final OutputStream out;
    private final boolean[] textColumns;
    private final boolean emptyAsNull;
    private final boolean blanksAsNull;
    private final byte[] nullString;
    private long headerLinesLeft;
    private long skippedLines;

    private byte[] field = new byte[256];
    private int fieldLength;
    private boolean fieldQuoted;
    private boolean inQuotes;
    private int column;

    /**
     * @param textColumns for each field position, whether the target column is of a text type
     * @param nullString the unquoted field that is NULL
     * @param headerLines how many leading lines to drop
     */
    CsvNullFields(OutputStream out, boolean[] textColumns, boolean emptyAsNull, boolean blanksAsNull, String nullString,
            int headerLines) {
        this.out = out;
        this.textColumns = textColumns.clone();
        this.emptyAsNull = emptyAsNull || nullString.isEmpty();
        this.blanksAsNull = blanksAsNull;
        this.nullString = nullString.getBytes(StandardCharsets.UTF_8);
        this.headerLinesLeft = headerLines;
    }

    /** How many lines were dropped as header, to turn PostgreSQL's line numbers back into the object's. */
    long skippedLines() {
        return skippedLines;
    }

    @Override
    public void write(int b) throws IOException {
        byte c = (byte) b;
        if (headerLinesLeft > 0) {
            skipHeader(c);
            return;
        }
        if (c == '"') {
            inQuotes = !inQuotes;
            fieldQuoted = true;
            append(c);
        } else if (inQuotes || (c != ',' && c != '\n')) {
            append(c);
        } else {
            endField(c == '\n');
            out.write(c);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Writes a last record that has no line end; call once, after the last byte. */
    void finish() throws IOException {
        if (fieldLength > 0 || fieldQuoted || column > 0) {
            endField(true);
        }
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Does not close the target, whose owner ends the COPY. */
    @Override
    public void close() throws IOException {
        finish();
    }

    private void skipHeader(byte c) {
        // Header lines are counted as lines, as Redshift's IGNOREHEADER does, but a quoted line break
        // does not end one.
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (c == '\n' && !inQuotes) {
            headerLinesLeft--;
            skippedLines++;
        }
    }

    private void endField(boolean endOfRecord) throws IOException {
        int length = fieldLength;
        boolean carriageReturn = endOfRecord && length > 0 && field[length - 1] == '\r';
        if (carriageReturn) {
            length--;
        }
        if (fieldQuoted) {
            out.write(field, 0, length);
        } else {
            writeUnquoted(length);
        }
        if (carriageReturn) {
            out.write('\r');
        }
        fieldLength = 0;
        fieldQuoted = false;
        column = endOfRecord ? 0 : column + 1;
    }

    private void writeUnquoted(int length) throws IOException {
        boolean text = column < textColumns.length && textColumns[column];
        if (isNullString(length)) {
            return;
        }
        if (length == 0) {
            if (text && !emptyAsNull) {
                out.write(EMPTY_STRING);
            }
        } else if (!isBlank(length) || (text && !blanksAsNull)) {
            out.write(field, 0, length);
        }
    }

    private boolean isNullString(int length) {
        return length == nullString.length && Arrays.equals(field, 0, length, nullString, 0, length);
    }

    private boolean isBlank(int length) {
        for (int i = 0; i < length; i++) {
            if (field[i] != ' ' && field[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private void append(byte c) {
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = c;
    }
}
