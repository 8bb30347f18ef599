package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.backbeat.localcloud.cloud.LocalCloud;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/**
 * https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html. Two batches form a write skew:
 * each inserts into one table what it counts in the other. A gate table, locked by the test, holds both
 * open until each has read, so they overlap whatever the scheduling. Each isolation needs a warehouse
 * of its own (isolation is a property of the database), so this class starts two.
 */
class IsolationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static LocalRedshift snapshot;
    private static LocalRedshift serializable;

    @BeforeAll
    static void start() {
        snapshot = LocalRedshift.start(LocalCloud.shared().s3Client(), WarehouseIsolation.SNAPSHOT);
        serializable = LocalRedshift.start(LocalCloud.shared().s3Client(), WarehouseIsolation.SERIALIZABLE);
    }

    @AfterAll
    static void stop() {
        snapshot.close();
        serializable.close();
    }

    @Test
    void snapshot_letsAWriteSkewCommitBothSides() throws Exception {
        List<DescribeStatementResponse> done = writeSkew(snapshot);

        assertThat(done).extracting(DescribeStatementResponse::status).containsOnly(StatusString.FINISHED);
        try (Connection connection = snapshot.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT (SELECT n FROM x) || ',' || (SELECT n FROM y)")) {
            rows.next();
            assertThat(rows.getString(1)).as("each side counted the other's table empty").isEqualTo("0,0");
        }
    }

    @Test
    void serializable_abortsOneSideWithError1023() throws Exception {
        List<DescribeStatementResponse> done = writeSkew(serializable);

        assertThat(done).extracting(DescribeStatementResponse::status)
                .containsExactlyInAnyOrder(StatusString.FINISHED, StatusString.FAILED);
        String error = done.stream().filter(d -> d.status() == StatusString.FAILED).findFirst().orElseThrow().error();
        assertThat(error).matches("ERROR: 1023 DETAIL: Serializable isolation violation on table - \\d+,"
                + " transactions forming the cycle are: \\d+ \\(pid:\\d+\\)");
    }

    @Test
    void configured_readsTheSystemPropertyAndNamesTheChoicesWhenWrong() {
        String before = System.getProperty(WarehouseIsolation.PROPERTY);
        try {
            System.clearProperty(WarehouseIsolation.PROPERTY);
            assertThat(WarehouseIsolation.configured()).isEqualTo(WarehouseIsolation.SNAPSHOT);
            System.setProperty(WarehouseIsolation.PROPERTY, "Serializable");
            assertThat(WarehouseIsolation.configured()).isEqualTo(WarehouseIsolation.SERIALIZABLE);
            System.setProperty(WarehouseIsolation.PROPERTY, "read committed");
            assertThatThrownBy(WarehouseIsolation::configured).hasMessage("System property"
                    + " backbeat.localRedshift.isolation is 'read committed'; set it to snapshot (Redshift's default)"
                    + " or serializable");
        } finally {
            if (before == null) {
                System.clearProperty(WarehouseIsolation.PROPERTY);
            } else {
                System.setProperty(WarehouseIsolation.PROPERTY, before);
            }
        }
        assertThat(snapshot.isolation()).isEqualTo(WarehouseIsolation.SNAPSHOT);
    }

    private static List<DescribeStatementResponse> writeSkew(LocalRedshift redshift) throws Exception {
        RedshiftDataClient client = redshift.client();
        run(client, redshift, "DROP TABLE IF EXISTS x, y, gate",
                "CREATE TABLE x (n BIGINT)", "CREATE TABLE y (n BIGINT)", "CREATE TABLE gate (n INT)");
        try (Connection holder = redshift.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
            String first = submit(client, redshift, "INSERT INTO x SELECT count(*) FROM y", "SELECT count(*) FROM gate");
            String second = submit(client, redshift, "INSERT INTO y SELECT count(*) FROM x", "SELECT count(*) FROM gate");
            awaitCount(redshift, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                    + " WHERE c.relname = 'gate' AND NOT l.granted", 2);
            holder.commit();
            return List.of(await(client, first), await(client, second));
        }
    }

    private static void run(RedshiftDataClient client, LocalRedshift redshift, String... sqls) {
        DescribeStatementResponse done = await(client, submit(client, redshift, sqls));
        if (done.status() != StatusString.FINISHED) {
            fail("setup failed: %s", done.error());
        }
    }

    private static String submit(RedshiftDataClient client, LocalRedshift redshift, String... sqls) {
        return client.batchExecuteStatement(b -> b.workgroupName(redshift.workgroup()).database(redshift.database())
                .sqls(sqls)).id();
    }

    private static DescribeStatementResponse await(RedshiftDataClient client, String id) {
        return poll(() -> client.describeStatement(b -> b.id(id)),
                d -> d.status() == StatusString.FINISHED || d.status() == StatusString.FAILED, "statement " + id);
    }

    private static void awaitCount(LocalRedshift redshift, String sql, long wanted) {
        poll(() -> {
            try (Connection connection = redshift.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, count -> count == wanted, "both batches waiting at the gate");
    }

    private static <T> T poll(java.util.function.Supplier<T> read, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                fail("%s not reached after %s; last %s", what, TIMEOUT, value);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
