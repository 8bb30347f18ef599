package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.await;
import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.rows;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.StatementStatusString;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

class BatchExecuteStatementTest {
    @Test
    void batch_whoseSecondStatementFails_rollsBackTheFirst() {
        String table = unique("atomic");
        ok("CREATE TABLE " + table + " (a INT)");

        DescribeStatementResponse batch = await(submitBatch(
                "INSERT INTO " + table + " VALUES (1)",
                "INSERT INTO " + table + " VALUES ('not a number')",
                "INSERT INTO " + table + " VALUES (3)"));

        assertThat(batch.status()).isEqualTo(StatusString.FAILED);
        assertThat(batch.error()).isEqualTo("ERROR: invalid input syntax for type integer: \"not a number\"");
        assertThat(batch.subStatements()).extracting(SubStatementData::status)
                .containsExactly(StatementStatusString.FINISHED, StatementStatusString.FAILED, StatementStatusString.ABORTED);
        assertThat(batch.subStatements().get(1).error()).isEqualTo(batch.error());
        assertThat(column("SELECT count(*) FROM " + table)).containsExactly(0L);
    }

    @Test
    void batch_commitsAllStatementsWhenAllSucceed() {
        String table = unique("committed");

        DescribeStatementResponse batch = await(submitBatch(
                "CREATE TABLE " + table + " (a INT)",
                "INSERT INTO " + table + " VALUES (1), (2)",
                "UPDATE " + table + " SET a = a * 10"));

        assertThat(batch.status()).isEqualTo(StatusString.FINISHED);
        assertThat(batch.subStatements()).extracting(SubStatementData::resultRows).containsExactly(0L, 2L, 2L);
        assertThat(column("SELECT a FROM " + table + " ORDER BY a")).containsExactly(10L, 20L);
    }

    @Test
    void subStatementResults_areReadByTheirSuffixedIds() {
        String id = submitBatch(
                "CREATE TEMP TABLE staged (a INT, b VARCHAR(5))",
                "INSERT INTO staged VALUES (1, 'x'), (2, 'y')",
                "SELECT a FROM staged ORDER BY a",
                "SELECT b FROM staged ORDER BY b DESC");

        DescribeStatementResponse batch = await(id);

        assertThat(batch.status()).isEqualTo(StatusString.FINISHED);
        assertThat(batch.hasResultSet()).isTrue();
        assertThat(batch.subStatements()).extracting(SubStatementData::id)
                .containsExactly(id + ":1", id + ":2", id + ":3", id + ":4");
        assertThat(batch.subStatements()).extracting(SubStatementData::hasResultSet)
                .containsExactly(false, false, true, true);
        assertThat(batch.subStatements().get(2).queryString()).isEqualTo("SELECT a FROM staged ORDER BY a");
        assertThat(rows(id + ":3")).containsExactly(List.of(Field.builder().longValue(1L).build()),
                List.of(Field.builder().longValue(2L).build()));
        assertThat(rows(id + ":4")).containsExactly(List.of(Field.builder().stringValue("y").build()),
                List.of(Field.builder().stringValue("x").build()));
    }

    @Test
    void resultOfTheBatchItself_isRefusedNamingTheSubStatementIds() {
        String id = submitBatch("SELECT 1", "SELECT 2");
        await(id);

        assertThatThrownBy(() -> client().getStatementResult(b -> b.id(id)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Statement " + id + " is a batch: ask for the result of one of its"
                        + " sub-statements, " + id + ":1 to " + id + ":2");
    }

    @Test
    void describeStatement_ofASubStatementId_describesTheBatch() {
        String id = submitBatch("SELECT 1", "SELECT 2");
        await(id);

        assertThat(client().describeStatement(b -> b.id(id + ":2")).subStatements()).hasSize(2);
    }

    @Test
    void truncateInsideABatch_isRefusedBecauseRedshiftWouldCommit() {
        String table = unique("truncated");
        ok("CREATE TABLE " + table + " (a INT)");

        DescribeStatementResponse batch = await(submitBatch("TRUNCATE " + table, "SELECT 1"));

        assertThat(batch.error()).isEqualTo("ERROR: not supported by the local Redshift endpoint: TRUNCATE inside"
                + " BatchExecuteStatement (Redshift commits the transaction at TRUNCATE, so the batch would not be"
                + " atomic; use DELETE FROM) in: TRUNCATE " + table);
    }

    @Test
    void vacuum_finishesAloneAndFailsInsideABatch() {
        String table = unique("vacuumed");
        ok("CREATE TABLE " + table + " (a INT)");

        assertThat(ok("VACUUM DELETE ONLY " + table + " TO 100 PERCENT").resultRows()).isZero();
        assertThat(await(submitBatch("SELECT 1", "VACUUM " + table)).error())
                .isEqualTo("ERROR: VACUUM cannot run inside a transaction block");
    }

    @Test
    void tooManyStatements_isValidationException() {
        String[] sqls = new String[41];
        java.util.Arrays.fill(sqls, "SELECT 1");

        assertThatThrownBy(() -> submitBatch(sqls))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Sqls must be a list of 1 to 40 SQL statements");
    }
}
