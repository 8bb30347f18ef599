package io.backbeat.localcloud.redshift;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A statement from submission to its end: status, timings, results and the hook that cancels it.
 * The runner thread drives it; request threads read {@link #snapshot()}s and may {@link #cancel()}.
 */
final class Execution {
    private final String id;
    private final long sequence;
    private final ConnectionTarget target;
    private final String statementName;
    private final Map<String, String> parameters;
    private final boolean batch;
    private final Instant createdAt;
    private final List<PartState> parts = new ArrayList<>();

    private StatementStatus status = StatementStatus.SUBMITTED;
    private Instant updatedAt;
    private String error;
    private long startedNanos;
    private long durationNanos = -1;
    private long redshiftPid;
    private boolean cancelRequested;
    private Statement running;

    /** What a part produced: the rows of its last result set, or none, and the rows returned or affected. */
    record Outcome(StatementResult result, long rows) {}

    Execution(String id, long sequence, ConnectionTarget target, String statementName, Map<String, String> parameters,
            boolean batch, List<String> sqls, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id must not be null");
        this.sequence = sequence;
        this.target = Objects.requireNonNull(target, "target must not be null");
        this.statementName = statementName;
        this.parameters = Map.copyOf(parameters);
        this.batch = batch;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        for (String sql : sqls) {
            parts.add(new PartState(sql, createdAt));
        }
    }

    String id() {
        return id;
    }

    ConnectionTarget target() {
        return target;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    boolean batch() {
        return batch;
    }

    int partCount() {
        return parts.size();
    }

    String sql(int part) {
        return parts.get(part).sql;
    }

    /** Moves SUBMITTED to STARTED; false when the statement was cancelled while it waited. */
    synchronized boolean start() {
        if (status != StatementStatus.SUBMITTED) {
            return false;
        }
        status = StatementStatus.STARTED;
        updatedAt = Instant.now();
        startedNanos = System.nanoTime();
        return true;
    }

    synchronized void connected(long pid) {
        redshiftPid = pid;
    }

    synchronized void startPart(int part, long queryId) {
        PartState state = parts.get(part);
        state.status = StatementStatus.STARTED;
        state.queryId = queryId;
        state.startedNanos = System.nanoTime();
        state.updatedAt = Instant.now();
        updatedAt = state.updatedAt;
    }

    /** Registers the JDBC statement that {@link #cancel()} interrupts; false when cancel came first. */
    synchronized boolean running(Statement statement) {
        if (cancelRequested) {
            return false;
        }
        running = statement;
        return true;
    }

    synchronized void notRunning() {
        running = null;
    }

    synchronized void finishPart(int part, Outcome outcome) {
        running = null;
        PartState state = parts.get(part);
        state.status = StatementStatus.FINISHED;
        state.result = outcome.result();
        state.resultRows = outcome.rows();
        state.resultSize = outcome.result() == null ? 0 : outcome.result().size();
        state.end();
        updatedAt = state.updatedAt;
    }

    synchronized void finish() {
        end(StatementStatus.FINISHED, null);
    }

    /** Ends with {@code failedPart} FAILED, earlier parts as they were and later ones ABORTED. */
    synchronized void fail(int failedPart, String message) {
        running = null;
        for (int i = failedPart; i < parts.size(); i++) {
            PartState state = parts.get(i);
            state.status = i == failedPart ? StatementStatus.FAILED : StatementStatus.ABORTED;
            state.error = i == failedPart ? message : null;
            state.end();
        }
        end(StatementStatus.FAILED, message);
    }

    /** Ends ABORTED after a cancel; every part not yet finished is ABORTED. */
    synchronized void abort() {
        running = null;
        for (PartState state : parts) {
            if (!state.status.isDone()) {
                state.status = StatementStatus.ABORTED;
                state.end();
            }
        }
        end(StatementStatus.ABORTED, null);
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    /**
     * Cancels a waiting statement at once and a running one through JDBC.
     *
     * @return the status before cancelling; a done status means nothing was cancelled
     */
    synchronized StatementStatus cancel() throws SQLException {
        StatementStatus before = status;
        if (before.isDone()) {
            return before;
        }
        cancelRequested = true;
        if (before == StatementStatus.SUBMITTED) {
            abort();
        } else if (running != null) {
            running.cancel();
        }
        return before;
    }

    synchronized StatementSnapshot snapshot() {
        List<StatementSnapshot.Part> partViews = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            PartState p = parts.get(i);
            partViews.add(new StatementSnapshot.Part(i + 1, p.sql, p.status, p.error, p.createdAt, p.updatedAt,
                    p.durationNanos, p.result, p.resultRows, p.resultSize, p.queryId));
        }
        return new StatementSnapshot(id, sequence, target, statementName, parameters, batch, status, error,
                createdAt, updatedAt, durationNanos, redshiftPid, partViews);
    }

    private void end(StatementStatus endStatus, String message) {
        status = endStatus;
        error = message;
        updatedAt = Instant.now();
        if (startedNanos != 0) {
            durationNanos = System.nanoTime() - startedNanos;
        }
    }

    /** The mutable state of one part, guarded by the execution's lock. */
    private static final class PartState {
        private final String sql;
        private final Instant createdAt;
        private StatementStatus status = StatementStatus.SUBMITTED;
        private Instant updatedAt;
        private String error;
        private long startedNanos;
        private long durationNanos = -1;
        private StatementResult result;
        private long resultRows = -1;
        private long resultSize = -1;
        private long queryId;

        private PartState(String sql, Instant createdAt) {
            this.sql = sql;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        private void end() {
            updatedAt = Instant.now();
            if (startedNanos != 0) {
                durationNanos = System.nanoTime() - startedNanos;
            }
        }
    }
}
