package io.backbeat.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ordered, idempotent schema change of the warehouse: a SQL file under
 * {@code io/backbeat/warehouse/migrations/} named {@code V<version>__<name>.sql}. Every
 * statement must be safe to run again ({@code CREATE TABLE IF NOT EXISTS}, inserts guarded by
 * {@code NOT EXISTS}), because two loads may race to apply the same migration.
 *
 * @param version the order in which migrations apply
 * @param name what the migration does
 * @param statements the SQL statements, without their terminating semicolons
 */
public record Migration(int version, String name, List<String> statements) {
    /** The migrations in order; a new file must be added here too. */
    static final List<String> FILES = List.of(
            "V001__dimensions_and_facts.sql", "V002__kpi_tables.sql", "V003__bookkeeping.sql",
            "V004__kpi_refresh_procedure.sql", "V005__kpi_refresh_claims.sql", "V006__provenance_per_load.sql",
            "V007__kpi_refresh_in_fewer_passes.sql", "V008__listener_kpis.sql", "V009__app_events.sql", "V010__catalog.sql");
    private static final String FOLDER = "/io/backbeat/warehouse/migrations/";

    public Migration {
        Objects.requireNonNull(name, "name must not be null");
        statements = List.copyOf(statements);
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
    }

    /** Every migration, in the order they apply. */
    public static List<Migration> all() {
        return FILES.stream().map(Migration::load).toList();
    }

    static Migration load(String file) {
        if (!file.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
            throw new IllegalArgumentException("migration file " + file + " is not named V<3 digits>__<name>.sql");
        }
        try (InputStream in = Migration.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from " + FOLDER);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(file.substring(1, 4)), file.substring(6, file.length() - 4), split(sql));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read migration " + file, e);
        }
    }

    /**
     * Statements end with a semicolon at the end of a line, except inside a {@code $$}-quoted procedure
     * body; lines starting with {@code --} outside a body are comments.
     */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBody = false;
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (!inBody && (trimmed.startsWith("--") || trimmed.isEmpty())) {
                continue;
            }
            current.append(line.stripTrailing()).append('\n');
            if (line.split("\\$\\$", -1).length % 2 == 0) {
                inBody = !inBody;
            }
            if (!inBody && trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("migration SQL ends without a semicolon: " + current.toString().strip());
        }
        return statements;
    }
}
