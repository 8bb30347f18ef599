package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedshiftDialectTest {
    private static String squeezed(String sql) {
        return sql.replaceAll("\\s+", " ").replace(" ,", ",").replace(" )", ")").replace(" ;", ";").strip();
    }

    @Nested
    class DropDistStyle {
        @ParameterizedTest
        @ValueSource(strings = {"ALL", "EVEN", "KEY", "AUTO", "key"})
        void removesEveryDistributionStyle(String style) {
            assertThat(squeezed(RedshiftDialect.dropDistStyle("CREATE TABLE t (a INT) DISTSTYLE " + style + ";")))
                    .isEqualTo("CREATE TABLE t (a INT);");
        }
    }

    @Nested
    class DropDistKey {
        @Test
        void removesTheTableLevelDistKey() {
            assertThat(squeezed(RedshiftDialect.dropDistKey("CREATE TABLE t (a INT, b INT) DISTKEY (a)")))
                    .isEqualTo("CREATE TABLE t (a INT, b INT)");
        }

        @Test
        void removesTheColumnLevelDistKeyword() {
            assertThat(squeezed(RedshiftDialect.dropDistKey("CREATE TABLE t (a INT DISTKEY NOT NULL, b INT)")))
                    .isEqualTo("CREATE TABLE t (a INT NOT NULL, b INT)");
        }
    }

    @Nested
    class UnloggedPermanentTables {
        @Test
        void permanentTablesAndTablesCreatedAsSelectAreUnlogged() {
            assertThat(RedshiftDialect.unloggedPermanentTables("CREATE TABLE t (a INT)")).isEqualTo("CREATE UNLOGGED TABLE t (a INT)");
            assertThat(RedshiftDialect.unloggedPermanentTables("  create table t AS SELECT 1"))
                    .isEqualTo("  CREATE UNLOGGED TABLE t AS SELECT 1");
            assertThat(RedshiftDialect.unloggedPermanentTables("CREATE TABLE a (x INT); CREATE TABLE b (y INT)"))
                    .isEqualTo("CREATE UNLOGGED TABLE a (x INT); CREATE UNLOGGED TABLE b (y INT)");
        }

        @Test
        void temporaryTablesTextAndOtherStatementsAreLeftAlone() {
            for (String sql : List.of("CREATE TEMP TABLE t (a INT)", "CREATE TEMPORARY TABLE t AS SELECT 1",
                    "SELECT 'CREATE TABLE t'", "CREATE INDEX i ON t (a)", "INSERT INTO t SELECT 1")) {
                assertThat(RedshiftDialect.unloggedPermanentTables(sql)).isEqualTo(sql);
            }
        }
    }

    @Nested
    class SortKeyToIndex {
        @ParameterizedTest
        @ValueSource(strings = {"SORTKEY(a, b)", "COMPOUND SORTKEY (a, b)", "interleaved sortkey(a, b)"})
        void aTableSortKeyBecomesAnIndexOnTheSameColumns(String sortKey) {
            assertThat(squeezed(RedshiftDialect.sortKeyToIndex("CREATE TABLE IF NOT EXISTS s.t (a INT, b INT) " + sortKey)))
                    .isEqualTo("CREATE TABLE IF NOT EXISTS s.t (a INT, b INT); CREATE INDEX IF NOT EXISTS t_sortkey ON s.t (a, b)");
        }

        @Test
        void aTempTableGetsItsIndexToo() {
            assertThat(squeezed(RedshiftDialect.sortKeyToIndex("CREATE TEMP TABLE x (d DATE) SORTKEY (d)")))
                    .isEqualTo("CREATE TEMP TABLE x (d DATE); CREATE INDEX IF NOT EXISTS x_sortkey ON x (d)");
        }

        @Test
        void statementsWithoutATableSortKeyAreLeftAlone() {
            assertThat(RedshiftDialect.sortKeyToIndex("CREATE TABLE t (a INT SORTKEY)")).isEqualTo("CREATE TABLE t (a INT SORTKEY)");
            assertThat(RedshiftDialect.sortKeyToIndex("SELECT 'SORTKEY(a)'")).isEqualTo("SELECT 'SORTKEY(a)'");
        }
    }

    @Nested
    class DropSortKey {
        @ParameterizedTest
        @ValueSource(strings = {"SORTKEY(a, b)", "COMPOUND SORTKEY (a,b)", "interleaved sortkey(a)", "SORTKEY AUTO"})
        void removesTheTableLevelSortKey(String sortKey) {
            assertThat(squeezed(RedshiftDialect.dropSortKey("CREATE TABLE t (a INT, b INT) " + sortKey)))
                    .isEqualTo("CREATE TABLE t (a INT, b INT)");
        }

        @Test
        void removesTheColumnLevelSortKeyword() {
            assertThat(squeezed(RedshiftDialect.dropSortKey("CREATE TABLE t (a INT SORTKEY, b INT)")))
                    .isEqualTo("CREATE TABLE t (a INT, b INT)");
        }
    }

    @Nested
    class DropEncode {
        @ParameterizedTest
        @ValueSource(strings = {"az64", "ZSTD", "raw", "bytedict", "delta32k", "lzo", "mostly16", "runlength", "text255"})
        void removesColumnEncodings(String codec) {
            assertThat(squeezed(RedshiftDialect.dropEncode("CREATE TABLE t (a INT ENCODE " + codec + " NOT NULL)")))
                    .isEqualTo("CREATE TABLE t (a INT NOT NULL)");
        }

        @Test
        void removesTableLevelEncodeAuto() {
            assertThat(squeezed(RedshiftDialect.dropEncode("CREATE TABLE t (a INT) ENCODE AUTO")))
                    .isEqualTo("CREATE TABLE t (a INT)");
        }

        @Test
        void leavesAnUnknownCodecForPostgresToReject() {
            assertThat(RedshiftDialect.dropEncode("CREATE TABLE t (a INT ENCODE fancy)"))
                    .isEqualTo("CREATE TABLE t (a INT ENCODE fancy)");
        }
    }

    @Nested
    class DropBackup {
        @ParameterizedTest
        @ValueSource(strings = {"YES", "NO", "no"})
        void removesBackup(String backup) {
            assertThat(squeezed(RedshiftDialect.dropBackup("CREATE TABLE t (a INT) BACKUP " + backup)))
                    .isEqualTo("CREATE TABLE t (a INT)");
        }
    }

    @Nested
    class Identity {
        @Test
        void identityBecomesGeneratedAlways() {
            assertThat(RedshiftDialect.identityToGeneratedIdentity("CREATE TABLE t (id BIGINT IDENTITY(1, 1), a INT)"))
                    .isEqualTo("CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1),"
                            + " a INT)");
        }

        @Test
        void generatedByDefaultKeepsItsMeaning() {
            assertThat(RedshiftDialect.identityToGeneratedIdentity(
                    "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY(10,5))"))
                    .isEqualTo("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5))");
        }
    }

    @Test
    void varcharMaxBecomesVarchar65535Anywhere() {
        assertThat(RedshiftDialect.varcharMaxToVarchar65535("SELECT a::VARCHAR(MAX), b::character varying ( max )"))
                .isEqualTo("SELECT a::varchar(65535), b::varchar(65535)");
    }

    @Test
    void getDateBecomesLocalTimestampToTheSecond() {
        assertThat(RedshiftDialect.getDateToLocalTimestampSeconds("SELECT GETDATE(), getdate ( )"))
                .isEqualTo("SELECT date_trunc('second', localtimestamp), date_trunc('second', localtimestamp)");
    }

    @Test
    void sysdateBecomesLocalTimestamp() {
        assertThat(RedshiftDialect.sysdateToLocalTimestamp("SELECT SYSDATE, sysdate::date"))
                .isEqualTo("SELECT localtimestamp, localtimestamp::date");
    }

    @Test
    void passwordDisableOfAUserBecomesPasswordNullAndNothingElseChanges() {
        assertThat(RedshiftDialect.passwordDisableToPasswordNull("CREATE USER \"IAMR:load\" PASSWORD DISABLE"))
                .isEqualTo("CREATE USER \"IAMR:load\" PASSWORD NULL");
        assertThat(RedshiftDialect.passwordDisableToPasswordNull("alter user bob password disable"))
                .isEqualTo("alter user bob PASSWORD NULL");
        assertThat(RedshiftDialect.passwordDisableToPasswordNull("SELECT 'PASSWORD DISABLE'"))
                .isEqualTo("SELECT 'PASSWORD DISABLE'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            INSERT INTO t VALUES ('DISTKEY(a) SORTKEY(b) ENCODE zstd BACKUP NO GETDATE() SYSDATE VARCHAR(MAX)')
            SELECT "sysdate", 'getdate()' FROM t -- SYSDATE GETDATE()
            SELECT /* DISTSTYLE KEY */ $$GETDATE()$$, E'it\\'s SYSDATE'
            SELECT sortkey, distkey, "encoding" FROM pg_table_def
            """)
    void leavesLiteralsIdentifiersCommentsAndNonCreateStatementsAlone(String sql) {
        assertThat(RedshiftDialect.toPostgres(sql)).isEqualTo(sql);
    }

    @Test
    void toPostgres_turnsARedshiftTableIntoAPostgresTable() {
        String redshift = """
                CREATE TABLE IF NOT EXISTS plays (
                    play_id   BIGINT IDENTITY(1,1),
                    user_id   BIGINT NOT NULL ENCODE az64 DISTKEY,
                    track_id  CHAR(22) NOT NULL ENCODE zstd,
                    played_at TIMESTAMP DEFAULT GETDATE() ENCODE az64 SORTKEY,
                    note      VARCHAR(MAX)
                )
                DISTSTYLE KEY
                DISTKEY (user_id)
                COMPOUND SORTKEY (played_at, user_id)
                BACKUP NO;""";

        assertThat(squeezed(RedshiftDialect.toPostgres(redshift))).isEqualTo(squeezed("""
                CREATE UNLOGGED TABLE IF NOT EXISTS plays (
                    play_id   BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1),
                    user_id   BIGINT NOT NULL,
                    track_id  char(22) NOT NULL,
                    played_at TIMESTAMP DEFAULT date_trunc('second', localtimestamp),
                    note      varchar(65535)
                , CONSTRAINT "single-byte char(22) track_id" CHECK (octet_length(track_id::text) = char_length(track_id::text)),
                  CONSTRAINT "bytes of varchar(65535) note" CHECK (octet_length(note) <= 65535));
                CREATE INDEX IF NOT EXISTS plays_sortkey ON plays (played_at, user_id)"""));
    }
}
