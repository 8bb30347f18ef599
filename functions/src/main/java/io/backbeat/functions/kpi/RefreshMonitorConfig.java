package io.backbeat.functions.kpi;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.util.Map;

/**
 * The refresh monitor function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table holding the refresh lease and the outcomes
 * @param stateMachineArn the kpi-refresh state machine whose successor it may start
 */
public record RefreshMonitorConfig(String ledgerTable, String stateMachineArn) {

    /** The only place the refresh monitor reads its environment. */
    public static RefreshMonitorConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static RefreshMonitorConfig from(Map<String, String> environment) {
        return new RefreshMonitorConfig(RequiredSetting.of(environment, EnvironmentVariables.LEDGER_TABLE),
                RequiredSetting.of(environment, EnvironmentVariables.STATE_MACHINE_ARN));
    }
}
