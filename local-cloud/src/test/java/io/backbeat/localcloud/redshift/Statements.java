package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/** Runs statements through the shared local Redshift's real SDK client and waits for them, as callers do. */
final class Statements {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Statements() {}

    static LocalRedshift redshift() {
        return LocalRedshift.shared();
    }

    static RedshiftDataClient client() {
        return redshift().client();
    }

    /** A table or statement name no other test uses. */
    static String unique(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    static String submit(String sql, String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        List<SqlParameter> list = new ArrayList<>();
        parameters.forEach((name, value) -> list.add(SqlParameter.builder().name(name).value(value).build()));
        return client().executeStatement(b -> b.workgroupName(redshift().workgroup())
                .database(redshift().database())
                .sql(sql)
                .parameters(list.isEmpty() ? null : list)).id();
    }

    static String submitBatch(String... sqls) {
        return client().batchExecuteStatement(b -> b.workgroupName(redshift().workgroup())
                .database(redshift().database())
                .sqls(sqls)).id();
    }

    /** Runs {@code sql} and returns its description once done, whatever the outcome. */
    static DescribeStatementResponse run(String sql, String... namesAndValues) {
        return await(submit(sql, namesAndValues));
    }

    /** Runs {@code sql} and fails the test unless it FINISHED. */
    static DescribeStatementResponse ok(String sql, String... namesAndValues) {
        DescribeStatementResponse done = run(sql, namesAndValues);
        if (done.status() != StatusString.FINISHED) {
            fail("Expected FINISHED for %s but was %s: %s", sql, done.status(), done.error());
        }
        return done;
    }

    /** Runs {@code sql} with {@code client} (as its database user) and returns its description once done. */
    static DescribeStatementResponse runAs(RedshiftDataClient client, String sql) {
        return await(client, client.executeStatement(b -> b.workgroupName(redshift().workgroup())
                .database(redshift().database()).sql(sql)).id());
    }

    static DescribeStatementResponse await(String id) {
        return await(client(), id);
    }

    private static DescribeStatementResponse await(RedshiftDataClient client, String id) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            DescribeStatementResponse description = client.describeStatement(b -> b.id(id));
            StatusString status = description.status();
            if (status == StatusString.FINISHED || status == StatusString.FAILED || status == StatusString.ABORTED) {
                return description;
            }
            if (System.nanoTime() > deadline) {
                fail("Statement %s still %s after %s", id, status, TIMEOUT);
            }
            sleep(5);
        }
    }

    static DescribeStatementResponse awaitStatus(String id, StatusString wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            DescribeStatementResponse description = client().describeStatement(b -> b.id(id));
            if (description.status() == wanted) {
                return description;
            }
            if (System.nanoTime() > deadline) {
                fail("Statement %s never reached %s; last %s", id, wanted, description.status());
            }
            sleep(5);
        }
    }

    /** Every row of a finished statement's result, following NextToken through all pages. */
    static List<List<Field>> rows(String id) {
        List<List<Field>> rows = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetStatementResultResponse page = client().getStatementResult(b -> b.id(id).nextToken(next));
            rows.addAll(page.records());
            token = page.nextToken();
        } while (token != null);
        return rows;
    }

    /** The single-column values of a query's rows, each as the Field member that carries it. */
    static List<Object> column(String sql, String... namesAndValues) {
        String id = ok(sql, namesAndValues).id();
        return rows(id).stream().map(row -> value(row.getFirst())).toList();
    }

    static Object value(Field field) {
        if (Boolean.TRUE.equals(field.isNull())) {
            return null;
        }
        if (field.stringValue() != null) {
            return field.stringValue();
        }
        if (field.longValue() != null) {
            return field.longValue();
        }
        if (field.doubleValue() != null) {
            return field.doubleValue();
        }
        return field.booleanValue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
