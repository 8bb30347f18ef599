package io.backbeat.functions.warehouse;

import io.backbeat.warehouse.WarehouseGrants;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a warehouse ready for the pipeline, as its admin: the schema up to date ({@link MigrationRunner}),
 * the database users of the load role and the refresh role, and their grants ({@link WarehouseGrants}).
 * Every step is idempotent, so it runs on every deploy; the functions themselves never create or alter
 * anything but their own temporary tables.
 *
 * <pre>{@code
 * new WarehouseSetup(adminWarehouse).apply("Backbeat-dev-LoadRole-ABC", "Backbeat-dev-PublishRole-DEF");
 * }</pre>
 *
 * @throws StatementFailedException from {@link #apply} when a statement fails (the admin lacks a right, say)
 */
public final class WarehouseSetup {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSetup.class);

    private final StatementRunner admin;

    /** @param admin statements run as the warehouse's admin user (the owner of every table) */
    public WarehouseSetup(StatementRunner admin) {
        this.admin = admin;
    }

    public void apply(String loadRoleName, String refreshRoleName) {
        new MigrationRunner(admin).ensureApplied();
        for (String role : List.of(loadRoleName, refreshRoleName)) {
            String user = WarehouseGrants.userOf(role);
            // Redshift has no CREATE USER IF NOT EXISTS; pg_user lists every user, those signed in with IAM too.
            if (admin.execute("SELECT usename FROM pg_user WHERE usename = :user", Map.of("user", user)).rows().isEmpty()) {
                admin.execute(WarehouseGrants.createUser(role), Map.of());
                LOG.info("warehouse user created: user={}", user);
            }
        }
        admin.executeBatch(WarehouseGrants.statements(loadRoleName, refreshRoleName));
        LOG.info("warehouse ready: migrations applied, grants given to the load role {} and the refresh role {}",
                loadRoleName, refreshRoleName);
    }
}
