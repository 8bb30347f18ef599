package io.backbeat.localcloud.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted statements on a small pool of threads, each statement on a connection of its own
 * that ends with it (a Redshift session), logged in as the statement's database user. All Sql strings
 * of a statement run in one transaction at the warehouse's {@link WarehouseIsolation}: committed when
 * the last finishes, rolled back when any fails or the statement is cancelled. A serialization
 * failure is reported as Redshift's error 1023.
 */
final class SessionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private static final int THREADS = 4;

    private final LocalPostgres postgres;
    private final S3Copy s3Copy;
    private final InjectedFailures injectedFailures;
    private final WarehouseIsolation isolation;
    private final ExecutorService pool;
    private final AutoAnalyze autoAnalyze;
    private final AtomicLong queryIds = new AtomicLong(100_000);

    SessionPool(LocalPostgres postgres, S3Copy s3Copy, InjectedFailures injectedFailures,
            WarehouseIsolation isolation) {
        this.postgres = postgres;
        this.s3Copy = s3Copy;
        this.injectedFailures = injectedFailures;
        this.isolation = isolation;
        this.autoAnalyze = new AutoAnalyze(postgres);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "local-redshift-statement-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(Execution execution) {
        pool.execute(() -> run(execution));
    }

    private void run(Execution execution) {
        if (!execution.start()) {
            return;
        }
        int part = 0;
        ConnectionTarget target = execution.target();
        try (Connection connection = postgres.openSession(target.database(), target.user(), isolation)) {
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            execution.connected(pid);
            Long transaction = null;
            try {
                for (; part < execution.partCount(); part++) {
                    execution.startPart(part, queryIds.incrementAndGet());
                    execution.finishPart(part, runPart(execution, part, connection));
                }
                if (execution.cancelRequested()) {
                    // Cancelled after its last statement: a cancelled statement never commits.
                    throw new StatementFailure("ERROR: Query cancelled.");
                }
                // After the statements, so it takes no snapshot and reads no table; error 1023 names it.
                transaction = transactionId(connection);
                connection.commit();
                // As the superuser: Redshift keeps statistics whoever wrote, and PostgreSQL lets only a table's
                // owner analyze it.
                autoAnalyze.afterCommit(AutoAnalyze.writtenTables(parts(execution)));
                execution.finish();
            } catch (StatementFailure | SQLException e) {
                // Before the rollback ends the transaction whose id the error names.
                String error = isSerializationFailure(e) ? serializationViolation(execution, pid, transaction)
                        : RedshiftErrors.statementError(e);
                rollback(connection, e);
                end(execution, part, error);
            }
        } catch (StatementFailure | SQLException e) {
            end(execution, part, RedshiftErrors.statementError(e));
        } catch (RuntimeException e) {
            LOG.error("Statement {} failed inside the local Redshift endpoint", execution.id(), e);
            execution.fail(Math.min(part, execution.partCount() - 1),
                    "ERROR: internal error of the local Redshift endpoint: " + e);
        }
    }

    private Execution.Outcome runPart(Execution execution, int part, Connection connection)
            throws StatementFailure, SQLException {
        String sql = execution.sql(part);
        Optional<String> injected = injectedFailures.take(sql);
        if (injected.isPresent()) {
            throw new StatementFailure(injected.get());
        }
        PlannedStatement plan = StatementPlanner.plan(sql, execution.batch(), !execution.parameters().isEmpty());
        return switch (plan) {
            case PlannedStatement.Query query -> query(execution, connection, query.sql());
            case PlannedStatement.S3Load load ->
                    new Execution.Outcome(null, s3Copy.load(load.copy(), connection, execution::cancelRequested));
            case PlannedStatement.NoOp noOp -> new Execution.Outcome(null, 0);
        };
    }

    private static List<String> parts(Execution execution) {
        List<String> parts = new java.util.ArrayList<>();
        for (int part = 0; part < execution.partCount(); part++) {
            parts.add(execution.sql(part));
        }
        return parts;
    }

    private static Execution.Outcome query(Execution execution, Connection connection, String sql)
            throws StatementFailure, SQLException {
        NamedParameters.Bound bound = NamedParameters.bind(sql, execution.parameters());
        try (Statement statement = prepare(connection, bound)) {
            if (!execution.running(statement)) {
                throw new StatementFailure("ERROR: Query cancelled.");
            }
            try {
                return execute(statement, bound.sql());
            } finally {
                // Before the statement closes, so that a cancel never reaches a closed statement.
                execution.notRunning();
            }
        }
    }

    private static Execution.Outcome execute(Statement statement, String sql) throws SQLException {
        boolean isResultSet = statement instanceof PreparedStatement prepared ? prepared.execute() : statement.execute(sql);
        // A string of several statements runs them all; like Redshift, keep the last one's rows.
        StatementResult last = null;
        long affected = 0;
        while (true) {
            if (isResultSet) {
                try (ResultSet rows = statement.getResultSet()) {
                    last = StatementResult.read(rows);
                }
            } else {
                long count = statement.getLargeUpdateCount();
                if (count < 0) {
                    break;
                }
                affected = count;
            }
            isResultSet = statement.getMoreResults();
        }
        return last != null ? new Execution.Outcome(last, last.rows().size()) : new Execution.Outcome(null, affected);
    }

    private static Statement prepare(Connection connection, NamedParameters.Bound bound) throws SQLException {
        if (bound.values().isEmpty()) {
            return connection.createStatement();
        }
        PreparedStatement prepared = connection.prepareStatement(bound.sql());
        List<String> values = bound.values();
        for (int i = 0; i < values.size(); i++) {
            prepared.setString(i + 1, values.get(i));
        }
        return prepared;
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void end(Execution execution, int part, String error) {
        if (execution.cancelRequested()) {
            execution.abort();
        } else {
            execution.fail(Math.min(part, execution.partCount() - 1), error);
        }
    }

    private static boolean isSerializationFailure(Exception e) {
        return e instanceof SQLException sql && RedshiftErrors.SERIALIZATION_FAILURE.equals(sql.getSQLState());
    }

    private static Long transactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_current_xact_id_if_assigned()::text::bigint")) {
            row.next();
            return row.getObject(1) == null ? null : row.getLong(1);
        }
    }

    /**
     * Error 1023 naming a table the statement writes and its transaction: known when the commit failed,
     * else looked up from another session while the failed transaction still holds its id.
     */
    private String serializationViolation(Execution execution, int pid, Long knownTransaction) {
        Long table = null;
        Long transaction = knownTransaction;
        try (Connection admin = postgres.connect()) {
            for (String name : AutoAnalyze.writtenTables(parts(execution))) {
                try (PreparedStatement oid = admin.prepareStatement("SELECT to_regclass(?)::oid")) {
                    oid.setString(1, name);
                    try (ResultSet row = oid.executeQuery()) {
                        if (row.next() && row.getObject(1) != null) {
                            table = row.getLong(1);
                            break;
                        }
                    }
                }
            }
            try (PreparedStatement xid = admin.prepareStatement(
                    "SELECT backend_xid::text::bigint FROM pg_stat_activity WHERE pid = ?")) {
                xid.setInt(1, pid);
                try (ResultSet row = xid.executeQuery()) {
                    if (transaction == null && row.next() && row.getObject(1) != null) {
                        transaction = row.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not look up the table and transaction of statement {}'s serialization failure",
                    execution.id(), e);
        }
        return RedshiftErrors.serializationViolation(table, transaction, pid);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Statements of the local Redshift endpoint were still running 5 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        autoAnalyze.close();
    }
}
