package io.backbeat.functions.load;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.util.Map;

/**
 * The load function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table
 * @param servingTable the DynamoDB table KPIs are published to
 * @param warehouse the Redshift to load into
 * @param copyRoleArn the IAM role Redshift assumes to read the bucket
 * @param stateMachineArn the kpi-refresh state machine to start, or null to refresh in the function itself
 */
public record LoadConfig(String ledgerTable, String servingTable, WarehouseTarget warehouse, String copyRoleArn,
        String stateMachineArn) {

    /** The only place load reads its environment. */
    public static LoadConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Settings from an environment map: the local run passes the environment the stack template gives the function. */
    public static LoadConfig from(Map<String, String> environment) {
        return new LoadConfig(
                RequiredSetting.of(environment, EnvironmentVariables.LEDGER_TABLE),
                RequiredSetting.of(environment, EnvironmentVariables.SERVING_TABLE),
                warehouseTarget(environment),
                RequiredSetting.of(environment, EnvironmentVariables.COPY_ROLE_ARN),
                RequiredSetting.orDefault(environment, EnvironmentVariables.STATE_MACHINE_ARN, null));
    }

    /** The Redshift named by the environment (also read by the publish function). */
    public static WarehouseTarget warehouseTarget(Map<String, String> environment) {
        String database = RequiredSetting.of(environment, EnvironmentVariables.WAREHOUSE_DATABASE);
        String workgroup = RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_WORKGROUP, null);
        String cluster = RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_CLUSTER, null);
        if ((workgroup == null) == (cluster == null)) {
            throw new IllegalStateException("set exactly one of " + EnvironmentVariables.WAREHOUSE_WORKGROUP + " (Redshift"
                    + " Serverless) and " + EnvironmentVariables.WAREHOUSE_CLUSTER + " (provisioned cluster)");
        }
        return new WarehouseTarget(database, workgroup, cluster,
                RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_DB_USER, null),
                RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_SECRET_ARN, null));
    }
}
