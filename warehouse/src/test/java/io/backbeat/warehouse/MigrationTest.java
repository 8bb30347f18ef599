package io.backbeat.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void splitsOnSemicolonsAtLineEndsButNotInsideAProcedureBody() {
        List<String> statements = Migration.split("""
                -- a comment
                CREATE TABLE a (x INT);
                CREATE OR REPLACE PROCEDURE p(v INT)
                AS $$
                BEGIN
                    -- kept: inside the body
                    DELETE FROM a WHERE x = v;
                    INSERT INTO a VALUES (v);
                END;
                $$ LANGUAGE plpgsql;
                INSERT INTO a VALUES (1);
                """);

        assertThat(statements).hasSize(3);
        assertThat(statements.get(1)).startsWith("CREATE OR REPLACE PROCEDURE p(v INT)")
                .contains("-- kept: inside the body", "DELETE FROM a WHERE x = v;", "END;")
                .endsWith("$$ LANGUAGE plpgsql");
        assertThat(statements.get(2)).isEqualTo("INSERT INTO a VALUES (1)");
    }

    @Test
    void everyMigrationIsNumberedInOrderAndEndsItsStatements() {
        List<Migration> all = Migration.all();

        assertThat(all).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(all).allSatisfy(m -> assertThat(m.statements()).isNotEmpty().noneMatch(String::isBlank));
    }

    @Test
    void refusesSqlThatDoesNotEndItsLastStatement() {
        assertThatThrownBy(() -> Migration.split("CREATE TABLE a (x INT)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends without a semicolon");
    }

    @Test
    void generatedIdsAreTheOnlyValuesAllowedIntoSqlText() {
        assertThat(WarehouseIds.literal("4c1044d2-66ea-4b2d-9ca0-efb05d14fbb2")).isEqualTo("'4c1044d2-66ea-4b2d-9ca0-efb05d14fbb2'");
        assertThatThrownBy(() -> WarehouseIds.literal("x'; DROP TABLE fact_streams; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarehouseIds.literal("")).isInstanceOf(IllegalArgumentException.class);
    }
}
