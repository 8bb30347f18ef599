package io.backbeat.localcloud.redshift;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics current the way Redshift keeps its own: a table a committed
 * transaction wrote to (COPY, INSERT, UPDATE, DELETE, MERGE) is analyzed after it (Redshift's automatic
 * analyze and COPY's STATUPDATE). Without it PostgreSQL plans a day's KPI refresh over ten million freshly
 * loaded plays from the statistics of an empty table. A table made by {@code CREATE TABLE … AS} is analyzed
 * at once, inside stored procedures too, by an event trigger ({@code LocalPostgres}).
 *
 * <p>Right after the commit, unless the table is locked: then {@code ANALYZE (SKIP_LOCKED)} skips it and a
 * background thread analyzes it once the lock is free. Waiting for the lock instead held the statement open for as
 * long as another load's transaction (a load {@code LOCK}s its fact table), so concurrent loads took turns twice;
 * Redshift's own automatic analyze runs in the background and never delays a statement
 * (https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html).
 */
final class AutoAnalyze implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutoAnalyze.class);
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern WRITE = Pattern.compile(
            "^(?:INSERT\\s+INTO|MERGE\\s+INTO|UPDATE|DELETE\\s+FROM|COPY)\\s+([A-Za-z_][\\w.]*)", FLAGS);
    /** PostgreSQL's lock_not_available: the warning of an ANALYZE (SKIP_LOCKED) that skipped its table. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final LocalPostgres postgres;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "local-redshift-analyze");
        thread.setDaemon(true);
        return thread;
    });

    AutoAnalyze(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    /** The tables the parts write to. */
    static Set<String> writtenTables(Iterable<String> parts) {
        Set<String> tables = new LinkedHashSet<>();
        for (String sql : parts) {
            for (String statement : SqlText.of(sql).statementCodes()) {
                Matcher write = WRITE.matcher(statement);
                if (write.find()) {
                    tables.add(write.group(1));
                }
            }
        }
        return tables;
    }

    /**
     * After commit, on an auto-commit connection of the superuser: analyzes the written tables that exist outside
     * the writing session (its temporary tables end with it), now or, for a table locked by another transaction, in
     * the background. Redshift keeps statistics whoever wrote; PostgreSQL skips, with a warning, an ANALYZE by
     * anyone but the table's owner.
     */
    void afterCommit(Set<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection connection = postgres.connect()) {
            for (String table : tables) {
                if (exists(connection, table) && !analyzeUnlessLocked(connection, table)) {
                    later(table);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (var exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table);
            try (var result = exists.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** False when the table was skipped because another transaction holds a conflicting lock. */
    private static boolean analyzeUnlessLocked(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE (SKIP_LOCKED) " + table);
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                if (LOCK_NOT_AVAILABLE.equals(warning.getSQLState())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One waiting ANALYZE per table: a table skipped twice before its turn is analyzed once, after both. */
    private void later(String table) {
        if (!waiting.add(table)) {
            return;
        }
        try {
            background.execute(() -> analyze(table));
        } catch (RejectedExecutionException e) {
            LOG.debug("Background ANALYZE {} not queued: the endpoint is closing", table);
        }
    }

    private void analyze(String table) {
        waiting.remove(table);
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + table);
        } catch (SQLException e) {
            // Statistics only make plans better; a stopped database or a dropped table is no one's failure.
            LOG.debug("Background ANALYZE {} did not run: {}", table, e.getMessage());
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
