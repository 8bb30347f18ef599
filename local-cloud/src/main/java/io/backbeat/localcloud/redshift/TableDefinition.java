package io.backbeat.localcloud.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the element list of {@code CREATE [TEMP] TABLE name (...)} so that its columns and keys
 * behave as Redshift's:
 *
 * <ul>
 *   <li>PRIMARY KEY, UNIQUE and FOREIGN KEY / REFERENCES, of a column or of the table, are removed:
 *       Redshift does not enforce them
 *       (<a href="https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html">Table
 *       constraints</a>: "Uniqueness, primary key, and foreign key constraints are informational only";
 *       NOT NULL stays, as Redshift enforces it). The key columns of a primary key or unique constraint
 *       get a plain index ({@code CREATE INDEX IF NOT EXISTS <table>_pkey ...}), which the planner uses
 *       as Redshift's uses the declared keys, without refusing duplicates.
 *   <li>CHAR(n) and VARCHAR(n) count bytes
 *       (<a href="https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html">Character
 *       types</a>: "defined in terms of bytes, not characters. A CHAR column can only contain single-byte
 *       characters"): each such column gets a CHECK constraint, {@code octet_length(col) <= n} for
 *       VARCHAR and single-byte characters only for CHAR, named so that {@link RedshiftErrors} can report
 *       a violation in Redshift's words. Lengths are made explicit as Redshift reads them: VARCHAR and
 *       TEXT without one are VARCHAR(256), BPCHAR is CHAR(256), MAX is 65535 (VARCHAR) or 4096 (CHAR);
 *       NVARCHAR and NCHAR are VARCHAR and CHAR.
 *   <li>{@code LIKE parent} copies the parent's byte checks ({@code INCLUDING CONSTRAINTS}), so a
 *       staging table created LIKE its target checks lengths as the target does.
 * </ul>
 *
 * Other statements and {@code CREATE TABLE ... AS} pass unchanged.
 */
final class TableDefinition {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final String NAME = "(?:\"[^\"]*\"|[A-Za-z_][\\w$]*)";
    private static final Pattern CREATE_TABLE = Pattern.compile("^\\s*CREATE\\s+(?:(?:LOCAL\\s+)?(?:TEMP|TEMPORARY)\\s+)?"
            + "TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)\\s*\\(", FLAGS);
    private static final Pattern TABLE_KEY = Pattern.compile("^\\s*(?:CONSTRAINT\\s+" + NAME + "\\s+)?"
            + "(PRIMARY\\s+KEY|UNIQUE|FOREIGN\\s+KEY)\\s*\\(([^()]*)\\)", FLAGS);
    private static final Pattern LIKE = Pattern.compile("^\\s*LIKE\\b", FLAGS);
    private static final Pattern INCLUDING_CONSTRAINTS = Pattern.compile("\\bINCLUDING\\s+CONSTRAINTS\\b", FLAGS);
    private static final Pattern COLUMN = Pattern.compile("^\\s*(" + NAME + ")\\s+(CHARACTER\\s+VARYING"
            + "|NATIONAL\\s+CHARACTER\\s+VARYING|NVARCHAR|VARCHAR|NATIONAL\\s+CHARACTER|CHARACTER|NCHAR|CHAR|BPCHAR|TEXT)"
            + "\\b(?:\\s*\\(\\s*(\\d+|MAX)\\s*\\))?", FLAGS);
    private static final Pattern COLUMN_NAME = Pattern.compile("^\\s*(" + NAME + ")", FLAGS);
    private static final Pattern OTHER_TABLE_CONSTRAINT = Pattern.compile("^\\s*(?:CONSTRAINT|CHECK|EXCLUDE)\\b", FLAGS);
    private static final Pattern COLUMN_KEY = Pattern.compile("(?:\\bCONSTRAINT\\s+" + NAME + "\\s+)?"
            + "\\b(?:PRIMARY\\s+KEY|UNIQUE)\\b", FLAGS);
    private static final Pattern COLUMN_REFERENCE = Pattern.compile("(?:\\bCONSTRAINT\\s+" + NAME + "\\s+)?"
            + "\\bREFERENCES\\s+" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?(?:\\s*\\([^()]*\\))?", FLAGS);
    private static final int VARCHAR_DEFAULT = 256;
    private static final int VARCHAR_MAX = 65535;
    private static final int CHAR_MAX = 4096;

    private TableDefinition() {}

    /** Rewrites every {@code CREATE TABLE name (...)} statement of {@code sql}. */
    static String toPostgres(String sql) {
        SqlText text = SqlText.of(sql);
        StringBuilder out = new StringBuilder(sql.length() + 256);
        int start = 0;
        String code = text.code();
        while (start <= code.length()) {
            int end = code.indexOf(';', start);
            int stop = end < 0 ? code.length() : end;
            out.append(statement(new SqlText(sql.substring(start, stop), code.substring(start, stop))));
            if (end < 0) {
                break;
            }
            out.append(';');
            start = end + 1;
        }
        return out.toString();
    }

    private static String statement(SqlText statement) {
        String code = statement.code();
        Matcher create = CREATE_TABLE.matcher(code);
        if (!create.find()) {
            return statement.original();
        }
        int open = create.end() - 1;
        int close = closingParenthesis(code, open);
        if (close < 0) {
            return statement.original();
        }
        String original = statement.original();
        String table = original.substring(create.start(1), create.end(1));
        List<String> elements = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int from = open + 1;
        for (int comma : topLevelCommas(code, open + 1, close)) {
            element(new SqlText(original.substring(from, comma), code.substring(from, comma)), elements, checks, keys);
            from = comma + 1;
        }
        element(new SqlText(original.substring(from, close), code.substring(from, close)), elements, checks, keys);
        elements.addAll(checks);
        StringBuilder rewritten = new StringBuilder(original.substring(0, open + 1))
                .append(String.join(",", elements))
                .append(original, close, original.length());
        for (int i = 0; i < keys.size(); i++) {
            String index = bareName(table) + (i == 0 ? "_pkey" : "_key" + i);
            rewritten.append(";\nCREATE INDEX IF NOT EXISTS \"").append(index).append("\" ON ").append(table)
                    .append(" (").append(keys.get(i)).append(')');
        }
        return rewritten.toString();
    }

    /** Adds what becomes of one element: itself (changed or not), byte checks, and key columns for indexes. */
    private static void element(SqlText element, List<String> elements, List<String> checks, List<String> keys) {
        String code = element.code();
        Matcher key = TABLE_KEY.matcher(code);
        if (key.find()) {
            if (!key.group(1).toUpperCase(Locale.ROOT).startsWith("FOREIGN")) {
                addKey(keys, element.original().substring(key.start(2), key.end(2)).strip());
            }
            return;
        }
        if (LIKE.matcher(code).find()) {
            elements.add(INCLUDING_CONSTRAINTS.matcher(code).find() ? element.original()
                    : element.original().stripTrailing() + " INCLUDING CONSTRAINTS ");
            return;
        }
        Matcher name = COLUMN_NAME.matcher(code);
        if (!name.find() || OTHER_TABLE_CONSTRAINT.matcher(code).find()) {
            elements.add(element.original());
            return;
        }
        String column = element.original().substring(name.start(1), name.end(1));
        boolean[] isKey = {false};
        SqlText withoutKeys = SqlText.of(element.replaceInCode(COLUMN_KEY, m -> {
            isKey[0] = true;
            return "";
        }));
        String definition = SqlText.of(withoutKeys.replaceInCode(COLUMN_REFERENCE, m -> "")).original();
        if (isKey[0]) {
            addKey(keys, column);
        }
        SqlText cleaned = SqlText.of(definition);
        Matcher typed = COLUMN.matcher(cleaned.code());
        if (!typed.find()) {
            elements.add(definition);
            return;
        }
        String type = typed.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean varying = type.endsWith("VARYING") || type.equals("VARCHAR") || type.equals("NVARCHAR")
                || type.equals("TEXT");
        String declared = typed.group(3);
        int length;
        if (declared == null) {
            length = varying ? VARCHAR_DEFAULT : type.equals("BPCHAR") ? VARCHAR_DEFAULT : 1;
        } else if (declared.equalsIgnoreCase("MAX")) {
            length = varying ? VARCHAR_MAX : CHAR_MAX;
        } else {
            length = Integer.parseInt(declared);
        }
        String pgType = (varying ? "varchar(" : "char(") + length + ")";
        elements.add(definition.substring(0, typed.start(2)) + pgType + definition.substring(typed.end()));
        String columnName = folded(column);
        checks.add(varying
                ? " CONSTRAINT \"" + RedshiftErrors.bytesConstraint("varchar", length, columnName) + "\" CHECK (octet_length("
                        + column + ") <= " + length + ")"
                : " CONSTRAINT \"" + RedshiftErrors.singleByteConstraint(length, columnName) + "\" CHECK (octet_length("
                        + column + "::text) = char_length(" + column + "::text))");
    }

    private static void addKey(List<String> keys, String columns) {
        String normalized = columns.replaceAll("\\s+", " ");
        if (!keys.contains(normalized)) {
            keys.add(normalized);
        }
    }

    /** The identifier as PostgreSQL resolves it: unquoted names fold to lower case. */
    private static String folded(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }

    private static String bareName(String table) {
        String last = table.substring(table.lastIndexOf('.') + 1).strip();
        return folded(last).replace("\"", "");
    }

    private static int closingParenthesis(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> topLevelCommas(String code, int from, int to) {
        List<Integer> commas = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                commas.add(i);
            }
        }
        return commas;
    }
}
