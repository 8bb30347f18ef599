package io.backbeat.functions.warehouse;

import java.util.List;
import java.util.Map;

/** Runs SQL in the warehouse and waits for it; the seam tests and the local run go through. */
public interface StatementRunner {

    /**
     * Runs one statement with named parameters ({@code :name} in the SQL) and returns its rows.
     *
     * @throws StatementFailedException when the statement fails, with the warehouse's own error text
     */
    QueryResult execute(String sql, Map<String, String> parameters);

    /**
     * Runs statements in order as one transaction: all take effect or none.
     *
     * @throws StatementFailedException naming the statement that failed and its error
     */
    void executeBatch(List<String> statements);

    /** The rows of a statement that already finished (run by someone else, such as the state machine). */
    QueryResult results(String statementId);
}
