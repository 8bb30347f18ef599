package io.backbeat.generator;

/**
 * A row placed among the good rows on purpose: a spoiled row that validation rejects, or a duplicate.
 *
 * @param fields the fields to write (more or fewer than the header for {@code wrong_field_count})
 * @param latin1Field the field written in ISO-8859-1 instead of UTF-8, or {@link CsvOutput#NO_LATIN1_FIELD}
 */
record InjectedRow(String[] fields, int latin1Field) {

    static InjectedRow of(String[] fields) {
        return new InjectedRow(fields, CsvOutput.NO_LATIN1_FIELD);
    }
}
