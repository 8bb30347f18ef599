package io.backbeat.localcloud.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the COPY subset the endpoint implements:
 *
 * <pre>
 * COPY table [(col, ...)] FROM 's3://bucket/key'
 *   [IAM_ROLE {'arn' | DEFAULT}] [MANIFEST] {CSV | FORMAT [AS] CSV} [IGNOREHEADER [AS] n]
 *   [ZSTD | GZIP] [EMPTYASNULL] [BLANKSASNULL] [NULL [AS] 'null_string']
 *   [TIMEFORMAT [AS] 'auto'] [DATEFORMAT [AS] 'auto']
 *   [REGION [AS] 'region']
 * </pre>
 *
 * Options come in any order and any case. Anything else (another source, another format, an option
 * not listed) fails with {@link StatementFailure#unsupported}, never silently.
 */
final class CopyParser {
    private final String sql;
    private final List<String> tokens;
    private int next;

    private CopyParser(String sql) {
        this.sql = sql;
        this.tokens = tokenize(sql);
    }

    static CopyCommand parse(String sql) throws StatementFailure {
        return new CopyParser(sql).command();
    }

    private CopyCommand command() throws StatementFailure {
        expectKeyword("COPY");
        String table = qualifiedName();
        List<CopyCommand.Column> columns = peek("(") ? columnList() : List.of();
        String direction = word();
        if (direction.equals("TO")) {
            throw StatementFailure.unsupported("COPY ... TO", sql);
        }
        if (!direction.equals("FROM")) {
            throw syntax("FROM");
        }
        String from = take();
        if (!isString(from)) {
            throw StatementFailure.unsupported("COPY from " + from, sql);
        }
        CopyCommand.S3Location source = CopyCommand.S3Location.parse(unquote(from));
        if (source == null) {
            throw StatementFailure.unsupported("COPY from a source other than s3://bucket/key (" + from + ")", sql);
        }
        return options(table, columns, source);
    }

    private CopyCommand options(String table, List<CopyCommand.Column> columns, CopyCommand.S3Location source)
            throws StatementFailure {
        boolean manifest = false;
        boolean csv = false;
        boolean emptyAsNull = false;
        boolean blanksAsNull = false;
        String nullString = CopyCommand.DEFAULT_NULL_STRING;
        int ignoreHeader = 0;
        CopyCommand.Compression compression = CopyCommand.Compression.NONE;
        while (next < tokens.size() && !peek(";")) {
            String option = word();
            switch (option) {
                case "IAM_ROLE" -> {
                    String role = take();
                    if (!isString(role) && !role.equalsIgnoreCase("DEFAULT")) {
                        throw syntax("an IAM role ARN or DEFAULT after IAM_ROLE");
                    }
                }
                case "MANIFEST" -> manifest = true;
                case "CSV" -> csv = true;
                case "FORMAT" -> {
                    skipAs();
                    String format = word();
                    if (!format.equals("CSV")) {
                        throw StatementFailure.unsupported("COPY FORMAT " + format, sql);
                    }
                    csv = true;
                }
                case "IGNOREHEADER" -> {
                    skipAs();
                    ignoreHeader = number("IGNOREHEADER");
                }
                case "ZSTD" -> compression = CopyCommand.Compression.ZSTD;
                case "GZIP" -> compression = CopyCommand.Compression.GZIP;
                case "EMPTYASNULL" -> emptyAsNull = true;
                case "BLANKSASNULL" -> blanksAsNull = true;
                case "NULL" -> {
                    skipAs();
                    String literal = take();
                    if (!isString(literal)) {
                        throw syntax("a quoted null string after NULL AS");
                    }
                    nullString = unquote(literal);
                    if (nullString.equals("\\0") || nullString.equals("\\000")) {
                        // '\0' and '\000' name the NUL character, not the text backslash-zero:
                        // https://docs.aws.amazon.com/redshift/latest/dg/t_preparing-input-data.html
                        nullString = "\u0000";
                    }
                }
                case "TIMEFORMAT", "DATEFORMAT" -> {
                    skipAs();
                    String format = take();
                    if (!isString(format) || !unquote(format).equalsIgnoreCase("auto")) {
                        throw StatementFailure.unsupported("COPY " + option + " " + format + " (only 'auto')", sql);
                    }
                }
                case "REGION" -> {
                    skipAs();
                    if (!isString(take())) {
                        throw syntax("a quoted region after REGION");
                    }
                }
                default -> throw StatementFailure.unsupported("COPY option " + option, sql);
            }
        }
        if (!csv) {
            throw StatementFailure.unsupported("COPY without CSV (Redshift's default pipe-delimited text format)", sql);
        }
        return new CopyCommand(table, columns, source, manifest, compression, ignoreHeader, emptyAsNull,
                blanksAsNull, nullString, sql);
    }

    private String qualifiedName() throws StatementFailure {
        StringBuilder name = new StringBuilder(identifier().sql());
        while (peek(".")) {
            next++;
            name.append('.').append(identifier().sql());
        }
        return name.toString();
    }

    private List<CopyCommand.Column> columnList() throws StatementFailure {
        next++;
        List<CopyCommand.Column> columns = new ArrayList<>();
        do {
            columns.add(identifier());
        } while (consume(","));
        if (!consume(")")) {
            throw syntax(") after the column list");
        }
        return columns;
    }

    private CopyCommand.Column identifier() throws StatementFailure {
        String token = take();
        if (token.startsWith("\"")) {
            return new CopyCommand.Column(token, token.substring(1, token.length() - 1).replace("\"\"", "\""));
        }
        if (!isWord(token)) {
            throw syntax("a name");
        }
        return new CopyCommand.Column(token, token.toLowerCase(Locale.ROOT));
    }

    private int number(String option) throws StatementFailure {
        String token = take();
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw syntax("a number after " + option);
        }
    }

    private void skipAs() {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase("AS")) {
            next++;
        }
    }

    private void expectKeyword(String keyword) throws StatementFailure {
        if (!word().equals(keyword)) {
            throw syntax(keyword);
        }
    }

    private String word() throws StatementFailure {
        String token = take();
        if (!isWord(token)) {
            throw syntax("a keyword");
        }
        return token.toUpperCase(Locale.ROOT);
    }

    private String take() throws StatementFailure {
        if (next >= tokens.size()) {
            throw new StatementFailure("ERROR: syntax error at end of input in: " + sql);
        }
        return tokens.get(next++);
    }

    private boolean peek(String token) {
        return next < tokens.size() && tokens.get(next).equals(token);
    }

    private boolean consume(String token) {
        if (peek(token)) {
            next++;
            return true;
        }
        return false;
    }

    private StatementFailure syntax(String expected) {
        String near = next - 1 < tokens.size() && next > 0 ? tokens.get(next - 1) : "end of input";
        return new StatementFailure("ERROR: syntax error at or near \"" + near + "\" (expected " + expected
                + ") in: " + sql);
    }

    private static boolean isString(String token) {
        return token.length() >= 2 && token.startsWith("'") && token.endsWith("'");
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && (Character.isLetterOrDigit(token.charAt(0)) || token.charAt(0) == '_');
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    /** Words, numbers, 'strings', "identifiers" and single punctuation characters; comments dropped. */
    private static List<String> tokenize(String sql) {
        SqlText text = SqlText.of(sql);
        String code = text.code();
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = closingQuote(code, i);
                tokens.add(sql.substring(i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < code.length() && (Character.isLetterOrDigit(code.charAt(end))
                        || code.charAt(end) == '_' || code.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(sql.substring(i, end));
                i = end;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    /** In the masked code a quoted run is the quote, blanks, and the next quote (escaped quotes are blanked). */
    private static int closingQuote(String code, int open) {
        int close = code.indexOf(code.charAt(open), open + 1);
        return close < 0 ? code.length() : close + 1;
    }
}
