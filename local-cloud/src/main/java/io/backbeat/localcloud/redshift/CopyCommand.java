package io.backbeat.localcloud.redshift;

import java.util.List;
import java.util.Objects;

/**
 * A Redshift {@code COPY ... FROM 's3://...' ... CSV} that the endpoint runs itself.
 *
 * @param table the target table as written in the statement (possibly schema-qualified or quoted)
 * @param columns the column list as written, empty for all columns in table order
 * @param source the object, key prefix or (with {@code manifest}) manifest object to read
 * @param ignoreHeader how many leading lines of each object to skip
 * @param nullString an unquoted field equal to it loads as NULL ({@code NULL AS}, {@code \N} by default)
 * @param statement the statement text, for error messages
 */
record CopyCommand(
        String table,
        List<Column> columns,
        S3Location source,
        boolean manifest,
        Compression compression,
        int ignoreHeader,
        boolean emptyAsNull,
        boolean blanksAsNull,
        String nullString,
        String statement) {

    /** Redshift COPY's null string when the command names none. */
    static final String DEFAULT_NULL_STRING = "\\N";

    CopyCommand {
        Objects.requireNonNull(table, "table must not be null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(compression, "compression must not be null");
        if (ignoreHeader < 0) {
            throw new IllegalArgumentException("ignoreHeader must not be negative: " + ignoreHeader);
        }
        Objects.requireNonNull(nullString, "nullString must not be null");
        Objects.requireNonNull(statement, "statement must not be null");
    }

    /** How each object is compressed; Redshift does not guess, and neither does this. */
    enum Compression { NONE, GZIP, ZSTD }

    /**
     * A column of the column list.
     *
     * @param sql as written, quotes included
     * @param name as PostgreSQL resolves it: folded to lower case unless quoted
     */
    record Column(String sql, String name) {
        Column {
            Objects.requireNonNull(sql, "sql must not be null");
            Objects.requireNonNull(name, "name must not be null");
        }
    }

    /** An {@code s3://bucket/key} address; for a plain COPY the key is a prefix. */
    record S3Location(String bucket, String key) {
        private static final String SCHEME = "s3://";

        S3Location {
            Objects.requireNonNull(bucket, "bucket must not be null");
            Objects.requireNonNull(key, "key must not be null");
        }

        /** Parses {@code s3://bucket/key}; null when {@code url} is not of that form. */
        static S3Location parse(String url) {
            if (!url.startsWith(SCHEME)) {
                return null;
            }
            String rest = url.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
        }

        @Override
        public String toString() {
            return SCHEME + bucket + "/" + key;
        }
    }
}
