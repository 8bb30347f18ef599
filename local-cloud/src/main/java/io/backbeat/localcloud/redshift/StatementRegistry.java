package io.backbeat.localcloud.redshift;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Every statement submitted since start-up, by id, like the Data API's 24-hour history; the
 * ClientToken of each request, for idempotent retries; and every Sql string received, in order.
 */
final class StatementRegistry {
    private final Map<String, Execution> byId = new ConcurrentHashMap<>();
    private final Map<String, Execution> byClientToken = new ConcurrentHashMap<>();
    private final List<ReceivedStatement> received = new ArrayList<>();
    private long sequence;

    /** The statement registered, and whether it is new or an earlier one with the same client token. */
    record Registration(Execution execution, boolean created) {}

    /**
     * Registers the statement {@code create} makes from the next sequence number, unless one was
     * registered under {@code clientToken} before, in which case that one is returned.
     *
     * @param clientToken null when the request has none
     */
    synchronized Registration register(String clientToken, LongFunction<Execution> create) {
        if (clientToken != null && byClientToken.containsKey(clientToken)) {
            return new Registration(byClientToken.get(clientToken), false);
        }
        Execution execution = create.apply(++sequence);
        byId.put(execution.id(), execution);
        if (clientToken != null) {
            byClientToken.put(clientToken, execution);
        }
        for (int i = 0; i < execution.partCount(); i++) {
            String id = execution.batch() ? execution.id() + ":" + (i + 1) : execution.id();
            received.add(new ReceivedStatement(id, execution.sql(i), execution.parameters(), execution.target().user().name()));
        }
        return new Registration(execution, true);
    }

    Optional<Execution> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Snapshots of every statement, newest first, as ListStatements orders them. */
    List<StatementSnapshot> newestFirst() {
        return byId.values().stream()
                .map(Execution::snapshot)
                .sorted(Comparator.comparingLong(StatementSnapshot::sequence).reversed())
                .toList();
    }

    /** Cancels every statement not yet done, so that stopping does not wait for them. */
    void cancelAll() {
        for (Execution execution : byId.values()) {
            try {
                execution.cancel();
            } catch (SQLException e) {
                // The connection of that statement is about to be closed anyway; closing ends its query.
            }
        }
    }

    synchronized List<ReceivedStatement> received() {
        return List.copyOf(received);
    }
}
