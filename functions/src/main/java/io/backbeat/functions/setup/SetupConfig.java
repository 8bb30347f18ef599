package io.backbeat.functions.setup;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.util.Map;

/**
 * The warehouse setup's settings: the warehouse, reached with the admin secret, and the IAM roles whose
 * database users it creates and grants.
 *
 * @param warehouse the Redshift to set up, with {@code secretArn} the admin's secret
 * @param loadRoleName the load function's role
 * @param refreshRoleName the role of the state machine's statements and publish
 */
public record SetupConfig(WarehouseTarget warehouse, String loadRoleName, String refreshRoleName) {

    public SetupConfig {
        if (warehouse.secretArn() == null) {
            throw new IllegalStateException("the warehouse setup signs in as the admin: set "
                    + EnvironmentVariables.WAREHOUSE_SECRET_ARN + " to the ARN of the admin's secret");
        }
    }

    /** The only place the setup reads its environment. */
    public static SetupConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static SetupConfig from(Map<String, String> environment) {
        return new SetupConfig(WarehouseTarget.from(environment),
                RequiredSetting.of(environment, EnvironmentVariables.LOAD_ROLE_NAME),
                RequiredSetting.of(environment, EnvironmentVariables.REFRESH_ROLE_NAME));
    }
}
