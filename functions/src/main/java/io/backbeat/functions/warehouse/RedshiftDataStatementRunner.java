package io.backbeat.functions.warehouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;

/**
 * Runs SQL through the Redshift Data API: submits, polls {@code DescribeStatement} with a backoff that
 * starts at 25 ms and doubles up to 2 s, and pages through {@code GetStatementResult}. A statement
 * that ends FAILED or ABORTED, or outlives the timeout (it is then cancelled), surfaces as a
 * {@link StatementFailedException} with the warehouse's own error text; none is ever ignored. A statement
 * whose transaction Redshift aborted for a serialization conflict (error 1023) is run again, a few times.
 *
 * <pre>{@code
 * StatementRunner warehouse = new RedshiftDataStatementRunner(client, WarehouseTarget.serverless("dev", "backbeat"));
 * QueryResult rows = warehouse.execute("SELECT COUNT(*) FROM fact_streams WHERE listen_date = :d", Map.of("d", "2024-06-25"));
 * }</pre>
 */
public final class RedshiftDataStatementRunner implements StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RedshiftDataStatementRunner.class);
    static final Duration FIRST_POLL = Duration.ofMillis(25);
    /**
     * A load's statements take seconds, and what follows it (its refresh) starts when it sees them end: a 2 s cap
     * added up to 2 s to every load; at 1 s a statement costs at most one DescribeStatement a second.
     */
    static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    /** Attempts of a statement that keeps meeting serialization conflicts, and the first pause between them. */
    static final int CONFLICT_ATTEMPTS = 4;
    static final Duration CONFLICT_BACKOFF = Duration.ofMillis(200);

    private final RedshiftDataClient client;
    private final WarehouseTarget target;
    private final Duration timeout;
    private final Duration longestPoll;

    public RedshiftDataStatementRunner(RedshiftDataClient client, WarehouseTarget target) {
        this(client, target, Duration.ofMinutes(14));
    }

    public RedshiftDataStatementRunner(RedshiftDataClient client, WarehouseTarget target, Duration timeout) {
        this(client, target, timeout, LONGEST_POLL);
    }

    /**
     * @param longestPoll the longest pause between two DescribeStatement calls; a function pays for the time it
     *     waits, so it polls up to {@link #LONGEST_POLL} apart, while a benchmark timing the warehouse polls more
     *     often so that its figures are not rounded up to the next poll
     */
    public RedshiftDataStatementRunner(RedshiftDataClient client, WarehouseTarget target, Duration timeout, Duration longestPoll) {
        this.client = Objects.requireNonNull(client, "client must not be null");
        this.target = Objects.requireNonNull(target, "target must not be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
        this.longestPoll = Objects.requireNonNull(longestPoll, "longestPoll must not be null");
    }

    @Override
    public QueryResult execute(String sql, Map<String, String> parameters) {
        List<SqlParameter> bound = parameters.entrySet().stream()
                .map(p -> SqlParameter.builder().name(p.getKey()).value(p.getValue()).build())
                .toList();
        return retryingConflicts(() -> {
            String id = client.executeStatement(r -> {
                        r.sql(sql).database(target.database()).workgroupName(target.workgroupName())
                                .clusterIdentifier(target.clusterIdentifier()).dbUser(target.dbUser()).secretArn(target.secretArn());
                        if (!bound.isEmpty()) {
                            r.parameters(bound);
                        }
                    })
                    .id();
            DescribeStatementResponse finished = await(id, sql);
            return Boolean.TRUE.equals(finished.hasResultSet()) ? fetch(id) : QueryResult.EMPTY;
        });
    }

    @Override
    public void executeBatch(List<String> statements) {
        retryingConflicts(() -> {
            String id = client.batchExecuteStatement(r -> r.sqls(statements).database(target.database())
                            .workgroupName(target.workgroupName()).clusterIdentifier(target.clusterIdentifier())
                            .dbUser(target.dbUser()).secretArn(target.secretArn()))
                    .id();
            await(id, String.join(";\n", statements));
            return null;
        });
    }

    /**
     * Runs a statement again when Redshift aborted its transaction for a serialization conflict (error 1023):
     * the whole transaction was rolled back, so running it again is safe, and is what Redshift advises
     * (https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html). Other failures are thrown at once.
     */
    private <T> T retryingConflicts(Supplier<T> statement) {
        Duration pause = CONFLICT_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return statement.get();
            } catch (StatementFailedException e) {
                if (!e.isSerializationConflict() || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("statement aborted by a serialization conflict, running it again: statementId={} attempt={}",
                        e.statementId(), attempt);
                sleep(pause.plusMillis(ThreadLocalRandom.current().nextLong(pause.toMillis() + 1)));
                pause = pause.multipliedBy(2);
            }
        }
    }

    private DescribeStatementResponse await(String id, String sql) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            DescribeStatementResponse described = client.describeStatement(r -> r.id(id));
            StatusString status = described.status();
            if (status == StatusString.FINISHED) {
                LOG.debug("statement finished: statementId={} ms={}", id, described.duration() == null ? -1 : described.duration() / 1_000_000);
                return described;
            }
            if (status == StatusString.FAILED || status == StatusString.ABORTED) {
                throw new StatementFailedException(id, status.toString(), errorOf(described), failingSql(described, sql));
            }
            if (System.nanoTime() > deadline) {
                client.cancelStatement(r -> r.id(id));
                throw new StatementFailedException(id, "TIMED OUT", "not finished after " + timeout + "; cancelled", sql);
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(longestPoll) > 0 ? longestPoll : pause.multipliedBy(2);
        }
    }

    /** A batch reports its error on the sub-statement that failed; say which one it was. */
    private static String errorOf(DescribeStatementResponse described) {
        for (SubStatementData sub : described.subStatements()) {
            if (sub.error() != null && !sub.error().isBlank()) {
                return sub.error() + " (sub-statement " + sub.id() + ")";
            }
        }
        return described.error() == null ? "no error text" : described.error();
    }

    private static String failingSql(DescribeStatementResponse described, String sql) {
        for (SubStatementData sub : described.subStatements()) {
            if (sub.error() != null && !sub.error().isBlank() && sub.queryString() != null) {
                return sub.queryString();
            }
        }
        return sql;
    }

    @Override
    public QueryResult results(String statementId) {
        return fetch(statementId);
    }

    private QueryResult fetch(String id) {
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetStatementResultResponse result = client.getStatementResult(r -> r.id(id).nextToken(page));
            if (columns == null) {
                columns = result.columnMetadata().stream().map(ColumnMetadata::name).toList();
            }
            for (List<Field> record : result.records()) {
                List<String> row = new ArrayList<>(record.size());
                record.forEach(field -> row.add(text(field)));
                rows.add(row);
            }
            token = result.nextToken();
        } while (token != null && !token.isEmpty());
        return new QueryResult(columns, rows);
    }

    private static String text(Field field) {
        if (Boolean.TRUE.equals(field.isNull())) {
            return null;
        }
        if (field.stringValue() != null) {
            return field.stringValue();
        }
        if (field.longValue() != null) {
            return Long.toString(field.longValue());
        }
        if (field.doubleValue() != null) {
            return Double.toString(field.doubleValue());
        }
        if (field.booleanValue() != null) {
            return Boolean.toString(field.booleanValue());
        }
        throw new IllegalStateException("a result field carries no value: " + field);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Redshift statement", e);
        }
    }
}
