package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.redshift;
import static io.backbeat.localcloud.redshift.Statements.runAs;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * Planner statistics are kept as Redshift keeps them
 * (https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html): whoever wrote a table, and for a table
 * that CREATE TABLE AS makes, also inside a stored procedure. PostgreSQL never analyzes a temp table by itself and
 * lets only a table's owner ANALYZE it; a never-analyzed table has {@code reltuples} -1.
 */
class StatisticsTest {
    private static RedshiftDataClient load;

    @BeforeAll
    static void clients() {
        load = redshift().clientAs("backbeat-load-role");
        // Its database user exists from its first sign-in on, as on Redshift.
        assertThat(runAs(load, "SELECT current_user").error()).isNull();
    }

    @AfterAll
    static void close() {
        load.close();
    }

    @Test
    void aTableWrittenByAGrantedRole_getsStatistics() {
        // Redshift keeps statistics whoever writes; PostgreSQL lets only a table's owner ANALYZE it.
        String table = unique("written_by_role");
        ok("CREATE TABLE " + table + " (d DATE NOT NULL, n INT) SORTKEY (d)");
        ok("GRANT INSERT, SELECT ON " + table + " TO \"IAMR:backbeat-load-role\"");

        assertThat(runAs(load, "INSERT INTO " + table + " VALUES ('2024-06-01', 1), ('2024-06-02', 2), ('2024-06-03', 3)")
                .error()).isNull();

        assertThat(column("SELECT reltuples::bigint::text FROM pg_class WHERE oid = '" + table + "'::regclass"))
                .containsExactly("3");
    }

    @Test
    void aTableMadeByCreateTableAsInsideAProcedure_hasStatisticsForTheProcedureNextStatement() {
        String seen = unique("seen_rows");
        String procedure = unique("make_and_look");
        ok("CREATE TABLE " + seen + " (n BIGINT)");
        ok("CREATE OR REPLACE PROCEDURE " + procedure + "() AS $$ BEGIN"
                + " CREATE TEMP TABLE made AS SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3;"
                + " INSERT INTO " + seen + " SELECT reltuples::BIGINT FROM pg_class WHERE oid = 'made'::regclass;"
                + " END; $$ LANGUAGE plpgsql");

        ok("CALL " + procedure + "()");

        assertThat(column("SELECT n::text FROM " + seen)).containsExactly("3");
    }

    @Test
    void aTableLockedByAnotherTransactionWhenAStatementCommits_isAnalyzedOnceTheLockIsFree() throws Exception {
        // Redshift's automatic analyze runs in the background; waiting for the lock here held the writer's statement
        // open for as long as the other transaction (another load holding LOCK on the fact table).
        String table = unique("locked_at_commit");
        ok("CREATE TABLE " + table + " (d DATE NOT NULL, n INT) SORTKEY (d)");
        try (Connection other = redshift().connect()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                // Conflicts with ANALYZE, not with INSERT.
                statement.execute("LOCK TABLE " + table + " IN SHARE UPDATE EXCLUSIVE MODE");
            }

            ok("INSERT INTO " + table + " VALUES ('2024-06-01', 1), ('2024-06-02', 2), ('2024-06-03', 3)");

            assertThat(column("SELECT COUNT(*)::text FROM " + table)).as("the insert committed while the lock is held")
                    .containsExactly("3");
            assertThat(reltuples(table)).as("not analyzed under the lock").isEqualTo("-1");
            other.commit();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reltuples(table).equals("3") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reltuples(table)).as("analyzed in the background once the lock was released").isEqualTo("3");
    }

    private static String reltuples(String table) {
        return column("SELECT reltuples::bigint::text FROM pg_class WHERE oid = '" + table + "'::regclass").get(0).toString();
    }
}
