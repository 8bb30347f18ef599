package io.backbeat.localcloud.redshift;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One consistent view of a statement, taken under its lock, for DescribeStatement, ListStatements
 * and GetStatementResult. A single ExecuteStatement has one part; a batch has one per Sql string.
 *
 * @param sequence order of submission, for ListStatements
 * @param durationNanos -1 until the statement is done
 * @param redshiftPid 0 until a connection serves it
 */
record StatementSnapshot(
        String id,
        long sequence,
        ConnectionTarget target,
        String statementName,
        Map<String, String> parameters,
        boolean batch,
        StatementStatus status,
        String error,
        Instant createdAt,
        Instant updatedAt,
        long durationNanos,
        long redshiftPid,
        List<Part> parts) {

    StatementSnapshot {
        Objects.requireNonNull(id, "id must not be null");
        parameters = Map.copyOf(parameters);
        parts = List.copyOf(parts);
    }

    /**
     * One Sql string of the statement.
     *
     * @param number 1-based, the {@code :N} suffix of a batch's sub-statement id
     * @param result null unless the part finished with a result set
     * @param resultRows rows returned or affected, -1 until finished
     * @param resultSize bytes returned, -1 until finished
     */
    record Part(int number, String sql, StatementStatus status, String error, Instant createdAt, Instant updatedAt,
            long durationNanos, StatementResult result, long resultRows, long resultSize, long redshiftQueryId) {
        Part {
            Objects.requireNonNull(sql, "sql must not be null");
            Objects.requireNonNull(status, "status must not be null");
        }

        boolean hasResultSet() {
            return result != null;
        }
    }

    /** Whether any part returned rows, as DescribeStatement reports HasResultSet. */
    boolean hasResultSet() {
        return parts.stream().anyMatch(Part::hasResultSet);
    }

    long resultRows() {
        return status == StatementStatus.FINISHED ? parts.stream().mapToLong(p -> Math.max(p.resultRows(), 0)).sum() : -1;
    }

    long resultSize() {
        return status == StatementStatus.FINISHED ? parts.stream().mapToLong(p -> Math.max(p.resultSize(), 0)).sum() : -1;
    }
}
