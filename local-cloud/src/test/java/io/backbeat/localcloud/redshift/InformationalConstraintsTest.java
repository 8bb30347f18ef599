package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.run;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/** https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html */
class InformationalConstraintsTest {
    @Test
    void primaryKeyOfTheTable_acceptsDuplicatesThatAQueryThenFinds() {
        String table = unique("keyed");
        ok("CREATE TABLE " + table + " (user_id BIGINT NOT NULL, track_id CHAR(22) NOT NULL, n INT,"
                + " PRIMARY KEY (user_id, track_id)) DISTSTYLE KEY DISTKEY (user_id) SORTKEY (user_id)");

        ok("INSERT INTO " + table + " VALUES (1, 'a', 1), (1, 'a', 2)");

        assertThat(column("SELECT count(*) FROM (SELECT user_id, track_id FROM " + table
                + " GROUP BY user_id, track_id HAVING count(*) > 1) duplicates")).containsExactly(1L);
    }

    @Test
    void columnPrimaryKeyAndUnique_acceptDuplicates() {
        String table = unique("column_keys");
        ok("CREATE TABLE " + table + " (id INT PRIMARY KEY, code VARCHAR(8) UNIQUE NOT NULL, ref INT REFERENCES "
                + table + " (id))");

        ok("INSERT INTO " + table + " VALUES (1, 'x', 99), (1, 'x', 98)");

        assertThat(column("SELECT count(*) FROM " + table + " WHERE id = 1 AND code = 'x'")).containsExactly(2L);
    }

    @Test
    void tempTableWithAKey_acceptsDuplicatesInsideABatch() {
        var batch = Statements.await(submitBatch(
                "CREATE TEMP TABLE stage (k INT NOT NULL, CONSTRAINT stage_pk PRIMARY KEY (k), UNIQUE (k))",
                "INSERT INTO stage VALUES (7), (7)",
                "SELECT count(*) FROM stage"));

        assertThat(batch.status()).isEqualTo(StatusString.FINISHED);
        assertThat(Statements.rows(batch.id() + ":3").getFirst().getFirst().longValue()).isEqualTo(2L);
    }

    @Test
    void notNull_isStillEnforced() {
        String table = unique("not_null");
        ok("CREATE TABLE " + table + " (id INT NOT NULL, PRIMARY KEY (id))");

        assertThat(run("INSERT INTO " + table + " VALUES (NULL)").error())
                .isEqualTo("ERROR: null value in column \"id\" of relation \"" + table + "\" violates not-null constraint");
    }

    @Test
    void keyColumns_keepAPlainIndexForThePlanner() {
        String table = unique("indexed");
        ok("CREATE TABLE " + table + " (a INT, b INT, PRIMARY KEY (a, b))");

        assertThat(column("SELECT indexdef FROM pg_indexes WHERE tablename = :t", "t", table))
                .containsExactly("CREATE INDEX " + table + "_pkey ON public." + table + " USING btree (a, b)");
    }
}
