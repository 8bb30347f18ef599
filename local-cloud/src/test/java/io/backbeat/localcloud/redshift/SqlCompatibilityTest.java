package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.await;
import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.run;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/** Redshift SQL that must run here: rewritten where PostgreSQL differs, as is where it does not, refused otherwise. */
class SqlCompatibilityTest {
    @Nested
    class Rewritten {
        @Test
        void redshiftTableAttributes_areAcceptedAndTheTableWorks() {
            String table = unique("plays");
            ok("CREATE TABLE " + table + " ("
                    + " play_id BIGINT IDENTITY(1, 1),"
                    + " user_id BIGINT NOT NULL ENCODE az64 DISTKEY,"
                    + " track_id CHAR(22) NOT NULL ENCODE zstd,"
                    + " played_at TIMESTAMP DEFAULT GETDATE() ENCODE az64 SORTKEY,"
                    + " note VARCHAR(MAX))"
                    + " DISTSTYLE KEY DISTKEY (user_id) COMPOUND SORTKEY (played_at, user_id) BACKUP NO");

            ok("INSERT INTO " + table + " (user_id, track_id) VALUES (7, '0123456789abcdefABCDEF')");

            assertThat(column("SELECT play_id FROM " + table)).containsExactly(1L);
            assertThat(client().getStatementResult(b -> b.id(ok("SELECT play_id FROM " + table).id()))
                    .columnMetadata().getFirst().typeName()).isEqualTo("int8");
            assertThat(column("SELECT played_at FROM " + table)).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(run("INSERT INTO " + table + " (play_id, user_id, track_id) VALUES (5, 1, 'x')").error())
                    .startsWith("ERROR: cannot insert a non-DEFAULT value into column \"play_id\"");
        }

        @Test
        void otherDistributionStylesAndTempTables_areAccepted() {
            String id = submitBatch(
                    "CREATE TEMP TABLE evens (a INT ENCODE raw) DISTSTYLE EVEN",
                    "CREATE TEMP TABLE everywhere DISTSTYLE ALL INTERLEAVED SORTKEY (a) AS SELECT 1 AS a",
                    "CREATE TABLE " + unique("auto") + " (a INT) DISTSTYLE AUTO SORTKEY AUTO ENCODE AUTO BACKUP YES");

            assertThat(await(id).status()).isEqualTo(StatusString.FINISHED);
        }

        @Test
        void getDateAndSysdate_areTimestampsWithoutTimeZone() {
            assertThat(column("SELECT GETDATE()")).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(column("SELECT SYSDATE")).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
            assertThat(column("SELECT SYSDATE::date = current_date")).containsExactly(true);
        }
    }

    @Nested
    class AsTheyAre {
        @Test
        void merge_updatesAndInserts() {
            String target = unique("kpi");
            String source = unique("kpi_stage");
            ok("CREATE TABLE " + target + " (day DATE, plays BIGINT)");
            ok("CREATE TABLE " + source + " (day DATE, plays BIGINT)");
            ok("INSERT INTO " + target + " VALUES ('2024-06-25', 1)");
            ok("INSERT INTO " + source + " VALUES ('2024-06-25', 10), ('2024-06-26', 20)");

            ok("MERGE INTO " + target + " USING " + source + " s ON " + target + ".day = s.day"
                    + " WHEN MATCHED THEN UPDATE SET plays = s.plays"
                    + " WHEN NOT MATCHED THEN INSERT (day, plays) VALUES (s.day, s.plays)");

            assertThat(column("SELECT day || '=' || plays FROM " + target + " ORDER BY day"))
                    .containsExactly("2024-06-25=10", "2024-06-26=20");
        }

        @Test
        void windowFunctions_rankWithinPartitions() {
            assertThat(column("SELECT rank() OVER (PARTITION BY g ORDER BY v DESC) FROM (VALUES (1, 5), (1, 7), (2, 1))"
                    + " AS t(g, v) ORDER BY g, v")).containsExactly(2L, 1L, 1L);
        }

        @Test
        void lockOfSeveralTables_runsAloneAndInABatch() {
            String first = unique("locked");
            String second = unique("locked");
            ok("CREATE TABLE " + first + " (a INT)");
            ok("CREATE TABLE " + second + " (a INT)");

            ok("LOCK " + first + ", " + second);
            assertThat(await(submitBatch("LOCK " + first + ", " + second, "INSERT INTO " + first + " VALUES (1)"))
                    .status()).isEqualTo(StatusString.FINISHED);
        }

        @Test
        void tempTableLikeAnother_insertSelectWhereNotExists() {
            String table = unique("users");
            ok("CREATE TABLE " + table + " (user_id BIGINT, score DOUBLE PRECISION)");
            ok("INSERT INTO " + table + " VALUES (1, 1.5)");

            DescribeStatementResponse batch = await(submitBatch(
                    "CREATE TEMP TABLE stage (LIKE " + table + ")",
                    "INSERT INTO stage VALUES (1, 9.0), (2, 2.5)",
                    "INSERT INTO " + table + " SELECT s.user_id, s.score FROM stage s"
                            + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.user_id = s.user_id)"));

            assertThat(batch.status()).isEqualTo(StatusString.FINISHED);
            assertThat(batch.subStatements().get(2).resultRows()).isEqualTo(1);
            assertThat(column("SELECT score FROM " + table + " ORDER BY user_id")).containsExactly(1.5, 2.5);
        }

        @Test
        void stringFunctionsAndCasts() {
            assertThat(column("SELECT SPLIT_PART('Artist A;Artist B;Artist C', ';', 2)")).containsExactly("Artist B");
            assertThat(column("SELECT REGEXP_COUNT('a1b22c333', '[0-9]')")).containsExactly(6L);
            assertThat(column("SELECT '42'::BIGINT + 1")).containsExactly(43L);
            assertThat(column("SELECT CAST('2.5' AS DOUBLE PRECISION) * 2")).containsExactly(5.0);
            assertThat(column("SELECT '2024-06-25 10:00:00'::TIMESTAMP::DATE")).containsExactly("2024-06-25");
        }
    }

    @Nested
    class Refused {
        @ParameterizedTest
        @ValueSource(strings = {
            "UNLOAD ('SELECT 1') TO 's3://bucket/out/' IAM_ROLE 'arn:aws:iam::123456789012:role/r' CSV",
            "CREATE EXTERNAL TABLE spectrum.plays (a INT) STORED AS PARQUET LOCATION 's3://bucket/plays/'",
            "COPY plays FROM 'dynamodb://plays' IAM_ROLE 'arn:aws:iam::123456789012:role/r' READRATIO 50"})
        void unsupportedStatements_failWithTheStatementText(String sql) {
            DescribeStatementResponse failed = run(sql);

            assertThat(failed.status()).isEqualTo(StatusString.FAILED);
            assertThat(failed.error()).startsWith("ERROR: not supported by the local Redshift endpoint: ")
                    .endsWith(" in: " + sql);
        }
    }
}
