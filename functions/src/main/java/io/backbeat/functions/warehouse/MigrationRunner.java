package io.backbeat.functions.warehouse;

import io.backbeat.warehouse.Migration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the warehouse schema up to date: applies, in order, each {@link Migration} not yet recorded
 * in {@code schema_migrations}, each in one transaction that also records it. The migrations table is
 * locked first, so two functions starting at once apply a migration once.
 */
public final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL,"
            + " name VARCHAR(256) NOT NULL, applied_at TIMESTAMP NOT NULL, PRIMARY KEY (version))";

    private final StatementRunner warehouse;
    private final List<Migration> migrations;
    private volatile boolean upToDate;

    public MigrationRunner(StatementRunner warehouse) {
        this(warehouse, Migration.all());
    }

    MigrationRunner(StatementRunner warehouse, List<Migration> migrations) {
        this.warehouse = warehouse;
        this.migrations = List.copyOf(migrations);
    }

    /** Applies what is missing; after the first success in this container, does nothing. */
    public void ensureApplied() {
        if (upToDate) {
            return;
        }
        warehouse.execute(CREATE_TABLE, Map.of());
        Set<Integer> applied = new HashSet<>();
        warehouse.execute("SELECT version FROM schema_migrations", Map.of()).firstColumn()
                .forEach(version -> applied.add(Integer.parseInt(version)));
        for (Migration migration : migrations) {
            if (applied.contains(migration.version())) {
                continue;
            }
            List<String> batch = new ArrayList<>();
            batch.add("LOCK schema_migrations");
            batch.addAll(migration.statements());
            // A racing function may have recorded it meanwhile: the statements are idempotent, the record is not repeated.
            batch.add("INSERT INTO schema_migrations (version, name, applied_at) SELECT " + migration.version() + ", '"
                    + migration.name() + "', GETDATE() WHERE NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = "
                    + migration.version() + ")");
            warehouse.executeBatch(batch);
            LOG.info("warehouse migration applied: version={} name={}", migration.version(), migration.name());
        }
        upToDate = true;
    }
}
