package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementPlannerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            UNLOAD ('SELECT 1') TO 's3://b/k' IAM_ROLE 'arn'                     | UNLOAD
            create external schema spectrum from data catalog database 'd'       | CREATE EXTERNAL SCHEMA
            CREATE EXTERNAL TABLE spectrum.t (a INT) LOCATION 's3://b/k'          | CREATE EXTERNAL TABLE
            DROP EXTERNAL TABLE spectrum.t                                        | DROP EXTERNAL TABLE
            ANALYZE COMPRESSION plays                                             | ANALYZE COMPRESSION
            SELECT 1; COPY t FROM 's3://b/k' CSV                                  | COPY together with other statements in one Sql string
            """)
    void plan_refusesUnsupportedStatementsLoudly(String sql, String what) {
        assertThatThrownBy(() -> StatementPlanner.plan(sql, false, false))
                .isInstanceOf(StatementFailure.class)
                .hasMessage("ERROR: not supported by the local Redshift endpoint: " + what + " in: " + sql);
    }

    @Test
    void plan_refusesTruncateInsideABatchOnly() throws StatementFailure {
        assertThat(StatementPlanner.plan("TRUNCATE t", false, false)).isEqualTo(new PlannedStatement.Query("TRUNCATE t"));
        assertThatThrownBy(() -> StatementPlanner.plan("TRUNCATE t", true, false))
                .hasMessageStartingWith("ERROR: not supported by the local Redshift endpoint: TRUNCATE inside"
                        + " BatchExecuteStatement")
                .hasMessageEndingWith(" in: TRUNCATE t");
    }

    @Test
    void plan_skipsVacuumButNotInsideABatch() throws StatementFailure {
        assertThat(StatementPlanner.plan("VACUUM SORT ONLY plays TO 75 PERCENT", false, false))
                .isInstanceOf(PlannedStatement.NoOp.class);
        assertThatThrownBy(() -> StatementPlanner.plan("VACUUM", true, false))
                .hasMessage("ERROR: VACUUM cannot run inside a transaction block");
    }

    @Test
    void plan_refusesSeveralStatementsWithParameters() {
        assertThatThrownBy(() -> StatementPlanner.plan("SELECT :a; SELECT 2", false, true))
                .hasMessage("ERROR: cannot insert multiple commands into a prepared statement");
    }

    @Test
    void plan_refusesDatePartOfEpochAsRedshiftDoesEvenInsideAProcedureBody() throws StatementFailure {
        String procedure = "CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN PERFORM date_part('epoch', GETDATE()); END; $$"
                + " LANGUAGE plpgsql";
        for (String sql : List.of("SELECT DATE_PART('epoch', listen_time) FROM plays", "SELECT pgdate_part(epoch, t) FROM x",
                procedure)) {
            assertThatThrownBy(() -> StatementPlanner.plan(sql, false, false)).as(sql)
                    .hasMessage("ERROR: not supported by the local Redshift endpoint: DATE_PART of epoch (Redshift's"
                            + " DATE_PART does not take epoch; EXTRACT(EPOCH FROM ...) does) in: " + sql);
        }
        assertThat(StatementPlanner.plan("SELECT EXTRACT(EPOCH FROM t), DATE_PART('hour', t) FROM x", false, false))
                .isInstanceOf(PlannedStatement.Query.class);
    }

    @Test
    void plan_ignoresKeywordsInLiteralsAndComments() throws StatementFailure {
        String sql = "SELECT 'UNLOAD' -- COPY t FROM 's3://b/k'\n";

        assertThat(StatementPlanner.plan(sql, false, false)).isEqualTo(new PlannedStatement.Query(sql));
    }

    @Test
    void plan_handsCopyToTheS3Loader() throws StatementFailure {
        assertThat(StatementPlanner.plan("COPY t FROM 's3://b/k' CSV", true, false))
                .isInstanceOf(PlannedStatement.S3Load.class);
    }
}
