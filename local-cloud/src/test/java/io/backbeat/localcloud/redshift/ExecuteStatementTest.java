package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.redshift;
import static io.backbeat.localcloud.redshift.Statements.rows;
import static io.backbeat.localcloud.redshift.Statements.run;
import static io.backbeat.localcloud.redshift.Statements.submit;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.ResourceNotFoundException;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

class ExecuteStatementTest {
    @Nested
    class Results {
        @Test
        void insertAndSelect_bindParametersOfSeveralTypesAndReturnRedshiftFields() {
            String table = unique("typed");
            ok("CREATE TABLE " + table + " (id BIGINT, name VARCHAR(100), score DOUBLE PRECISION, active BOOLEAN,"
                    + " day DATE, at TIMESTAMP, amount DECIMAL(10,2), note VARCHAR(10))");
            ok("INSERT INTO " + table + " VALUES (:id, :name, :score, :active, :day, :at, :amount, NULL)",
                    "id", "42", "name", "Ann", "score", "1.5", "active", "true", "day", "2024-06-25",
                    "at", "2024-06-25 10:00:00", "amount", "12.5");

            String id = ok("SELECT * FROM " + table + " WHERE id = :id", "id", "42").id();
            GetStatementResultResponse result = client().getStatementResult(b -> b.id(id));

            assertThat(result.totalNumRows()).isEqualTo(1);
            assertThat(result.records().getFirst()).containsExactly(
                    Field.builder().longValue(42L).build(),
                    Field.builder().stringValue("Ann").build(),
                    Field.builder().doubleValue(1.5).build(),
                    Field.builder().booleanValue(true).build(),
                    Field.builder().stringValue("2024-06-25").build(),
                    Field.builder().stringValue("2024-06-25 10:00:00").build(),
                    Field.builder().stringValue("12.50").build(),
                    Field.builder().isNull(true).build());
            assertThat(result.columnMetadata()).extracting(c -> c.name() + ":" + c.typeName()).containsExactly(
                    "id:int8", "name:varchar", "score:float8", "active:bool", "day:date", "at:timestamp",
                    "amount:numeric", "note:varchar");
            assertThat(result.columnMetadata().get(6).precision()).isEqualTo(10);
            assertThat(result.columnMetadata().get(6).scale()).isEqualTo(2);
            assertThat(result.columnMetadata().getFirst().tableName()).isEqualTo(table);
        }

        @Test
        void timestampsWithTimeZoneComeBackInUtc() {
            assertThat(column("SELECT '2024-06-25 12:00:00+02'::timestamptz")).containsExactly("2024-06-25 10:00:00+00");
        }

        @Test
        void orderByText_isCodePointOrderAsInRedshift() {
            String table = unique("collation");
            ok("CREATE TABLE " + table + " (name VARCHAR(10))");
            ok("INSERT INTO " + table + " VALUES ('é'), ('a'), ('B'), ('Z'), ('b')");

            assertThat(column("SELECT name FROM " + table + " ORDER BY name")).containsExactly("B", "Z", "a", "b", "é");
        }

        @Test
        void hostileText_roundTripsVerbatimThroughParameters() {
            String table = unique("hostile");
            ok("CREATE TABLE " + table + " (id INT, value VARCHAR(1000))");
            List<String> values = List.of("O'Brien \"the\" quote", "'; DROP TABLE " + table + "; --", "a\\b\\\\c",
                    "line\nbreak\ttab", "ünïcödé 中文 עברית", "emoji 😀🎵👩‍🎤", ":name ::cast ? $1 $$", "NULL");
            for (int i = 0; i < values.size(); i++) {
                ok("INSERT INTO " + table + " VALUES (:id, :value)", "id", String.valueOf(i), "value", values.get(i));
            }

            assertThat(column("SELECT value FROM " + table + " ORDER BY id")).containsExactlyElementsOf(values);
            for (String value : values) {
                assertThat(column("SELECT count(*) FROM " + table + " WHERE value = :v", "v", value))
                        .as(value).containsExactly(1L);
            }
            assertThat(redshift().receivedStatements())
                    .filteredOn(s -> s.sql().contains(table))
                    .allSatisfy(s -> assertThat(s.sql()).doesNotContain("O'Brien", "DROP TABLE " + table + ";", "😀"));
        }

        @Test
        void receivedStatements_recordTheSqlAsSentWithItsParameters() {
            String id = submit("SELECT :x::int AS x", "x", "7");

            assertThat(redshift().receivedStatements()).contains(
                    new ReceivedStatement(id, "SELECT :x::int AS x", java.util.Map.of("x", "7"), "admin"));
        }

        @Test
        void severalStatementsInOneString_runAndReturnTheLastResult() {
            assertThat(column("SELECT 1; SELECT 2")).containsExactly(2L);
        }

        @Test
        void tempTables_endWithTheStatementsSession() {
            ok("CREATE TEMP TABLE scratch (a INT)");

            assertThat(run("SELECT * FROM scratch").error()).isEqualTo("ERROR: relation \"scratch\" does not exist");
        }

        @Test
        void connect_seesWhatStatementsCommitted() throws SQLException {
            String table = unique("direct");
            ok("CREATE TABLE " + table + " AS SELECT 5 AS five");

            try (Connection connection = redshift().connect();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT five FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(5);
            }
        }
    }

    @Nested
    class Status {
        @Test
        void describeStatement_reportsAFinishedStatementLikeRedshift() {
            DescribeStatementResponse done = ok("SELECT :a::int + 1 AS b", "a", "41");

            assertThat(done.status()).isEqualTo(StatusString.FINISHED);
            assertThat(done.hasResultSet()).isTrue();
            assertThat(done.resultRows()).isEqualTo(1);
            assertThat(done.resultSize()).isPositive();
            assertThat(done.duration()).isPositive();
            assertThat(done.redshiftPid()).isPositive();
            assertThat(done.redshiftQueryId()).isPositive();
            assertThat(done.queryString()).isEqualTo("SELECT :a::int + 1 AS b");
            assertThat(done.queryParameters()).singleElement()
                    .satisfies(p -> assertThat(p.name() + "=" + p.value()).isEqualTo("a=41"));
            assertThat(done.database()).isEqualTo("dev");
            assertThat(done.workgroupName()).isEqualTo("local");
            assertThat(done.createdAt()).isBeforeOrEqualTo(done.updatedAt());
            assertThat(rows(done.id())).containsExactly(List.of(Field.builder().longValue(42L).build()));
        }

        @Test
        void executeStatement_returnsAtOnceWhileTheStatementRuns() {
            String id = submit("SELECT pg_sleep(0.3)");

            assertThat(client().describeStatement(b -> b.id(id)).status())
                    .isIn(StatusString.SUBMITTED, StatusString.STARTED);
            assertThat(Statements.await(id).status()).isEqualTo(StatusString.FINISHED);
        }

        @Test
        void dmlReportsRowsAffectedAndNoResultSet() {
            String table = unique("affected");
            ok("CREATE TABLE " + table + " (a INT)");

            DescribeStatementResponse insert = ok("INSERT INTO " + table + " SELECT generate_series(1, 3)");

            assertThat(insert.hasResultSet()).isFalse();
            assertThat(insert.resultRows()).isEqualTo(3);
            assertThatThrownBy(() -> client().getStatementResult(b -> b.id(insert.id())))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Query does not have result. Please check query status with DescribeStatement.");
        }

        @Test
        void failingStatement_endsFailedWithPostgresMessage() {
            DescribeStatementResponse failed = run("SELECT * FROM no_such_table");

            assertThat(failed.status()).isEqualTo(StatusString.FAILED);
            assertThat(failed.error()).isEqualTo("ERROR: relation \"no_such_table\" does not exist");
            assertThat(failed.hasResultSet()).isFalse();
        }

        @Test
        void unknownDatabase_failsTheStatement() {
            String id = client().executeStatement(b -> b.workgroupName("local").database("prod").sql("SELECT 1")).id();

            assertThat(Statements.await(id).error()).isEqualTo("ERROR: database \"prod\" does not exist");
        }

        @Test
        void injectedFailure_failsTheNextMatchingStatementOnce() {
            String marker = unique("injected");
            redshift().failNextStatementMatching("SELECT '" + marker + "'", "ERROR: injected for " + marker);

            assertThat(run("SELECT '" + marker + "'").error()).isEqualTo("ERROR: injected for " + marker);
            assertThat(column("SELECT '" + marker + "'")).containsExactly(marker);
        }
    }

    @Nested
    class Validation {
        @Test
        void unknownId_isResourceNotFoundNamingIt() {
            String id = UUID.randomUUID().toString();

            assertThatThrownBy(() -> client().describeStatement(b -> b.id(id)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class,
                            e -> assertThat(e.resourceId()).isEqualTo(id))
                    .hasMessageStartingWith("Query does not exist.");
        }

        @Test
        void malformedId_isValidationException() {
            assertThatThrownBy(() -> client().describeStatement(b -> b.id("not-an-id")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Value 'not-an-id' at 'id' failed to satisfy constraint");
        }

        @Test
        void unusedParameter_isValidationException() {
            assertThatThrownBy(() -> submit("SELECT :a", "a", "1", "b", "2"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("Parameters list contains unused parameters. Unused parameters: [b]");
        }

        @Test
        void emptyParameterValue_isValidationException() {
            assertThatThrownBy(() -> submit("SELECT :a", "a", ""))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("at 'parameters.1.member.value' failed to satisfy constraint");
        }

        @Test
        void missingWorkgroupAndCluster_isValidationException() {
            assertThatThrownBy(() -> client().executeStatement(b -> b.database("dev").sql("SELECT 1")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("Either ClusterIdentifier or WorkgroupName needs to be specified.");
        }

        @Test
        void anotherWorkgroup_isValidationExceptionNamingTheLocalOne() {
            assertThatThrownBy(() -> client().executeStatement(b -> b.workgroupName("prod").database("dev").sql("SELECT 1")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("Workgroup prod not found: this local endpoint serves one warehouse, named"
                            + " 'local' (LocalRedshift.workgroup()), as a workgroup or a cluster");
        }

        @Test
        void clusterIdentifierWithDbUser_isAccepted() {
            String id = client().executeStatement(b -> b.clusterIdentifier("local").dbUser("awsuser").database("dev")
                    .sql("SELECT 1")).id();

            DescribeStatementResponse done = Statements.await(id);
            assertThat(done.status()).isEqualTo(StatusString.FINISHED);
            assertThat(done.clusterIdentifier()).isEqualTo("local");
            assertThat(done.dbUser()).isEqualTo("awsuser");
        }

        @Test
        void sessionsAreRefusedRatherThanIgnored() {
            assertThatThrownBy(() -> client().executeStatement(b -> b.workgroupName("local").database("dev")
                    .sql("SELECT 1").sessionKeepAliveSeconds(60)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("not supported by the local Redshift endpoint: sessions");
        }

        @Test
        void clientToken_makesARetryReturnTheSameStatement() {
            String token = UUID.randomUUID().toString();
            String first = client().executeStatement(b -> b.workgroupName("local").database("dev").sql("SELECT 1")
                    .clientToken(token)).id();
            String retry = client().executeStatement(b -> b.workgroupName("local").database("dev").sql("SELECT 1")
                    .clientToken(token)).id();

            assertThat(retry).isEqualTo(first);
        }

        @Test
        void severalStatementsWithParameters_failAsAPreparedStatementDoes() {
            assertThat(run("SELECT :a; SELECT 2", "a", "1").error())
                    .isEqualTo("ERROR: cannot insert multiple commands into a prepared statement");
        }
    }
}
