package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.Column;
import io.backbeat.warehouse.Migration;
import io.backbeat.functions.warehouse.MigrationRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WarehouseSchemaTest {
    @TempDir
    Path spill;

    /** The catalogue's records load into six tables of their own columns, not one table of the contract's. */
    @ParameterizedTest
    @EnumSource(value = Dataset.class, mode = EnumSource.Mode.EXCLUDE, names = "CATALOG")
    void eachTargetTableHasTheContractsColumnsWithTheContractsTypes(Dataset dataset) {
        WarehouseHarness harness = new WarehouseHarness(spill);
        new MigrationRunner(harness.warehouse).ensureApplied();
        String table = switch (dataset) {
            case USERS -> "dim_users";
            case SONGS -> "dim_songs";
            case STREAMS -> "fact_streams";
            case EVENTS -> "fact_events";
            case CATALOG -> throw new IllegalArgumentException("excluded above");
        };

        List<Map<String, Object>> columns = harness.query("SELECT column_name, data_type, character_maximum_length, is_nullable"
                + " FROM information_schema.columns WHERE table_name = '" + table + "' ORDER BY ordinal_position");

        List<String> actual = new ArrayList<>();
        columns.forEach(c -> actual.add(c.get("column_name") + " " + postgresType(c) + " " + c.get("is_nullable")));
        List<String> expected = new ArrayList<>();
        for (Column column : dataset.contract().stagedColumns()) {
            expected.add(column.name() + " " + column.type().warehouseType().toLowerCase(Locale.ROOT) + " "
                    + (column.optional() ? "YES" : "NO"));
        }
        expected.addAll(List.of("load_id varchar(64) NO", "loaded_at timestamp NO"));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void migrationsApplyOnceAndCanBeRepeated() {
        WarehouseHarness harness = new WarehouseHarness(spill);

        new MigrationRunner(harness.warehouse).ensureApplied();
        new MigrationRunner(harness.warehouse).ensureApplied();
        for (Migration migration : Migration.all()) {
            harness.warehouse.executeBatch(migration.statements());
        }

        assertThat(harness.query("SELECT version, name FROM schema_migrations ORDER BY version"))
                .extracting(row -> row.get("version") + " " + row.get("name"))
                .containsExactly("1 dimensions_and_facts", "2 kpi_tables", "3 bookkeeping", "4 kpi_refresh_procedure",
                        "5 kpi_refresh_claims", "6 provenance_per_load", "7 kpi_refresh_in_fewer_passes",
                        "8 listener_kpis", "9 app_events", "10 catalog");
        assertThat(harness.count("backbeat_numbers")).isEqualTo(256);
    }

    private static String postgresType(Map<String, Object> column) {
        String type = (String) column.get("data_type");
        Object length = column.get("character_maximum_length");
        return switch (type) {
            case "character varying" -> "varchar(" + length + ")";
            case "character" -> "char(" + length + ")";
            case "timestamp without time zone" -> "timestamp";
            default -> type;
        };
    }
}
