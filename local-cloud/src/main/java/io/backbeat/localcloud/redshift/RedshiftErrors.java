package io.backbeat.localcloud.redshift;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's errors in the words Redshift uses where they differ and a caller may match on them.
 * Everything else keeps PostgreSQL's message.
 */
final class RedshiftErrors {
    static final String SERIALIZATION_FAILURE = "40001";
    private static final String CHECK_VIOLATION = "23514";
    private static final String TOO_LONG = "22001";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Pattern BYTES = Pattern.compile("bytes of (varchar|char)\\((\\d+)\\) (.*)");
    private static final Pattern SINGLE_BYTE = Pattern.compile("single-byte char\\((\\d+)\\) (.*)");
    private static final Pattern PERMISSION_ON_TABLE = Pattern.compile("permission denied for (?:table|view) (.+)");

    private RedshiftErrors() {}

    /** The name of the CHECK constraint that holds a VARCHAR(n) column to n bytes of UTF-8. */
    static String bytesConstraint(String type, int length, String column) {
        return "bytes of " + type + "(" + length + ") " + column;
    }

    /** The name of the CHECK constraint that holds a CHAR(n) column to single-byte characters. */
    static String singleByteConstraint(int length, String column) {
        return "single-byte char(" + length + ") " + column;
    }

    /** What a CHECK constraint of {@link #bytesConstraint} or {@link #singleByteConstraint} found. */
    record Violation(boolean multibyteInChar, String type, String column, String table) {}

    /** The byte-length violation {@code e} reports, if it is one. */
    static Optional<Violation> violation(PSQLException e) {
        ServerErrorMessage server = e.getServerErrorMessage();
        if (server == null) {
            return Optional.empty();
        }
        if (TOO_LONG.equals(e.getSQLState())) {
            return Optional.of(new Violation(false, typeIn(server.getMessage()), null, server.getTable()));
        }
        if (!CHECK_VIOLATION.equals(e.getSQLState()) || server.getConstraint() == null) {
            return Optional.empty();
        }
        Matcher bytes = BYTES.matcher(server.getConstraint());
        if (bytes.matches()) {
            String type = bytes.group(1).equals("char") ? "character" : "character varying";
            return Optional.of(new Violation(false, type + "(" + bytes.group(2) + ")", bytes.group(3), server.getTable()));
        }
        Matcher singleByte = SINGLE_BYTE.matcher(server.getConstraint());
        if (singleByte.matches()) {
            return Optional.of(new Violation(true, "character(" + singleByte.group(1) + ")", singleByte.group(2),
                    server.getTable()));
        }
        return Optional.empty();
    }

    private static String typeIn(String message) {
        int type = message.indexOf("for type ");
        return type < 0 ? "character varying" : message.substring(type + "for type ".length());
    }

    /**
     * Redshift's form of a failed statement's error: {@code ERROR: } and the message, without pgjdbc's
     * position notes. A value longer in UTF-8 bytes than its column takes fails as Redshift's
     * "Value too long for character type"; a missing table privilege names the "relation", as
     * Redshift (PostgreSQL 8) words it.
     */
    static String statementError(Exception e) {
        if (e instanceof StatementFailure failure) {
            return failure.getMessage();
        }
        if (!(e instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return "ERROR: " + e.getMessage();
        }
        Optional<Violation> violation = violation(psql);
        if (violation.isPresent()) {
            Violation v = violation.get();
            String where = v.column() == null ? "" : " (column " + v.column() + " of table " + v.table() + ")";
            return v.multibyteInChar()
                    ? "ERROR: Multibyte character not supported for CHAR (Hint: try using VARCHAR)" + where
                    : "ERROR: Value too long for character type: value too long for type " + v.type() + where
                            + "; Redshift counts the length of CHAR and VARCHAR in bytes of UTF-8";
        }
        String message = psql.getServerErrorMessage().getMessage();
        if (INSUFFICIENT_PRIVILEGE.equals(psql.getSQLState())) {
            Matcher table = PERMISSION_ON_TABLE.matcher(message);
            if (table.matches()) {
                return "ERROR: permission denied for relation " + table.group(1);
            }
        }
        return "ERROR: " + message;
    }

    /**
     * The load error Redshift records for a value that does not fit its column, or null when {@code e} is
     * not one: 1204 "String length exceeds DDL length" for too many bytes, 1220 for a multibyte character in
     * CHAR (https://docs.aws.amazon.com/redshift/latest/dg/multi-byte-character-load-errors.html).
     */
    static String loadError(PSQLException e) {
        return violation(e).map(v -> v.multibyteInChar()
                        ? "1220 Multibyte character not supported for CHAR (Hint: try using VARCHAR)" + column(v)
                        : "1204 String length exceeds DDL length" + column(v))
                .orElse(null);
    }

    private static String column(Violation v) {
        return v.column() == null ? " (" + v.type() + ")" : " (column " + v.column() + ", " + v.type() + ")";
    }

    /**
     * Redshift's error 1023
     * (https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation-serializable-isolation-troubleshooting.html),
     * in the form Redshift fills it in. Only this transaction of the cycle is known here: PostgreSQL does
     * not name the others.
     *
     * @param table the id (oid) of a table the transaction wrote, or null when none is known
     */
    static String serializationViolation(Long table, Long transaction, long pid) {
        return "ERROR: 1023 DETAIL: Serializable isolation violation on table - " + (table == null ? "unknown" : table)
                + ", transactions forming the cycle are: " + (transaction == null ? "unknown" : transaction)
                + " (pid:" + pid + ")";
    }
}
