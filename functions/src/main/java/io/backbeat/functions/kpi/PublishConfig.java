package io.backbeat.functions.kpi;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.util.Map;

/**
 * The publish function's settings.
 *
 * @param servingTable the DynamoDB table KPIs are published to
 * @param warehouse the Redshift whose statement results it reads
 */
public record PublishConfig(String servingTable, WarehouseTarget warehouse) {

    /** The only place publish reads its environment. */
    public static PublishConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static PublishConfig from(Map<String, String> environment) {
        return new PublishConfig(RequiredSetting.of(environment, EnvironmentVariables.SERVING_TABLE),
                WarehouseTarget.from(environment));
    }
}
