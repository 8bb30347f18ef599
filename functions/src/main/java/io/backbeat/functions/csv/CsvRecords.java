package io.backbeat.functions.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 records from decoded text, read by FastCSV: quoted fields with commas, quotes and line
 * breaks; CR, LF or CRLF line ends; a UTF-8 (or UTF-16/32) byte-order mark honoured and dropped; blank
 * lines skipped. Records of any field count are returned: the contract decides what a wrong count means.
 * Bytes that are not UTF-8 decode to U+FFFD, which validation reports as {@code bad_encoding} on the
 * row that holds them, so one bad byte never sinks the whole file.
 */
public final class CsvRecords {

    private CsvRecords() {}

    /**
     * The records, read into one reused {@link CsvFields} (FastCSV's callback handler): a record at a time, without
     * an object per record or field.
     */
    public static CsvReader<CsvFields> fields(InputStream text) {
        return CsvReader.builder()
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(true)
                .build(new CsvFields.Handler(), text, StandardCharsets.UTF_8);
    }

    /** A record as one line of minimal RFC 4180 CSV, which reads back to the same fields. */
    public static String toLine(java.util.List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String field = fields.get(i);
            boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0;
            if (quote) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.toString();
    }
}
