package io.backbeat.localcloud.redshift;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what to do with one Sql string: refuse what this endpoint cannot do faithfully, hand COPY
 * to the S3 loader, skip VACUUM, and rewrite the rest with {@link RedshiftDialect}.
 *
 * <p>Refused, as a FAILED statement whose error names what and quotes the statement: UNLOAD; CREATE,
 * ALTER or DROP EXTERNAL ...; ANALYZE COMPRESSION; TRUNCATE inside a batch; COPY or VACUUM together
 * with other statements in one string; any COPY that {@link CopyParser} does not accept; DATE_PART (or PGDATE_PART)
 * of epoch, which PostgreSQL computes but Redshift's DATE_PART does not take (the date parts page lists epoch for
 * EXTRACT only: https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html).
 */
final class StatementPlanner {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern UNLOAD = Pattern.compile("^UNLOAD\\b", FLAGS);
    private static final Pattern EXTERNAL = Pattern.compile("^(CREATE|ALTER|DROP)\\s+EXTERNAL\\s+(\\w+)", FLAGS);
    private static final Pattern ANALYZE_COMPRESSION = Pattern.compile("^ANALYZE\\s+COMPRESSION\\b", FLAGS);
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\b", FLAGS);
    private static final Pattern COPY = Pattern.compile("^COPY\\b", FLAGS);
    private static final Pattern VACUUM = Pattern.compile("^VACUUM\\b", FLAGS);
    /**
     * Matched on the whole text, not on the code with literals blanked: the date part is a literal ({@code 'epoch'}),
     * and a stored procedure's body is a dollar-quoted one.
     */
    private static final Pattern DATE_PART_EPOCH = Pattern.compile("\\b(?:PG)?DATE_PART\\s*\\(\\s*'?\\s*epoch\\b", FLAGS);

    private StatementPlanner() {}

    /**
     * @param inBatch whether the string is one of a BatchExecuteStatement's, which run in one transaction
     * @param hasParameters whether the request binds {@code :name} parameters
     */
    static PlannedStatement plan(String sql, boolean inBatch, boolean hasParameters) throws StatementFailure {
        if (DATE_PART_EPOCH.matcher(sql).find()) {
            throw StatementFailure.unsupported("DATE_PART of epoch (Redshift's DATE_PART does not take epoch; EXTRACT(EPOCH"
                    + " FROM ...) does)", sql);
        }
        List<String> statements = SqlText.of(sql).statementCodes();
        for (String statement : statements) {
            refuseUnsupported(statement, sql, inBatch);
        }
        if (statements.stream().anyMatch(s -> COPY.matcher(s).find())) {
            if (statements.size() > 1) {
                throw StatementFailure.unsupported("COPY together with other statements in one Sql string", sql);
            }
            return new PlannedStatement.S3Load(CopyParser.parse(sql));
        }
        if (statements.stream().anyMatch(s -> VACUUM.matcher(s).find())) {
            if (statements.size() > 1) {
                throw StatementFailure.unsupported("VACUUM together with other statements in one Sql string", sql);
            }
            if (inBatch) {
                throw new StatementFailure("ERROR: VACUUM cannot run inside a transaction block");
            }
            return new PlannedStatement.NoOp("VACUUM only reorganizes storage");
        }
        if (hasParameters && statements.size() > 1) {
            // Redshift prepares a statement with parameters, and a prepared statement holds one command.
            throw new StatementFailure("ERROR: cannot insert multiple commands into a prepared statement");
        }
        return new PlannedStatement.Query(RedshiftDialect.toPostgres(sql));
    }

    private static void refuseUnsupported(String statement, String sql, boolean inBatch) throws StatementFailure {
        if (UNLOAD.matcher(statement).find()) {
            throw StatementFailure.unsupported("UNLOAD", sql);
        }
        Matcher external = EXTERNAL.matcher(statement);
        if (external.find()) {
            throw StatementFailure.unsupported(
                    (external.group(1) + " EXTERNAL " + external.group(2)).toUpperCase(Locale.ROOT), sql);
        }
        if (ANALYZE_COMPRESSION.matcher(statement).find()) {
            throw StatementFailure.unsupported("ANALYZE COMPRESSION", sql);
        }
        if (inBatch && TRUNCATE.matcher(statement).find()) {
            // https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html: TRUNCATE commits the transaction it runs in.
            throw StatementFailure.unsupported("TRUNCATE inside BatchExecuteStatement (Redshift commits the"
                    + " transaction at TRUNCATE, so the batch would not be atomic; use DELETE FROM)", sql);
        }
    }
}
