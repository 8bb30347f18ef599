package io.backbeat.functions.load;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.util.Map;
import java.util.Objects;

/**
 * The load function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table
 * @param warehouse the Redshift to load into
 * @param copyRoleArn the IAM role Redshift assumes to read the bucket
 * @param stateMachineArn the kpi-refresh state machine load starts for the dates it changed
 */
public record LoadConfig(String ledgerTable, WarehouseTarget warehouse, String copyRoleArn, String stateMachineArn) {

    public LoadConfig {
        Objects.requireNonNull(ledgerTable, "ledgerTable must not be null");
        Objects.requireNonNull(warehouse, "warehouse must not be null");
        Objects.requireNonNull(copyRoleArn, "copyRoleArn must not be null");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn must not be null");
    }

    /** The only place load reads its environment. */
    public static LoadConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Settings from an environment map: the local run passes the environment the stack template gives the function. */
    public static LoadConfig from(Map<String, String> environment) {
        return new LoadConfig(
                RequiredSetting.of(environment, EnvironmentVariables.LEDGER_TABLE),
                WarehouseTarget.from(environment),
                RequiredSetting.of(environment, EnvironmentVariables.COPY_ROLE_ARN),
                RequiredSetting.of(environment, EnvironmentVariables.STATE_MACHINE_ARN));
    }
}
