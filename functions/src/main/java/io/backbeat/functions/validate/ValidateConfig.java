package io.backbeat.functions.validate;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.util.Map;

/**
 * The validate function's settings.
 *
 * @param ledgerTable the DynamoDB ledger table
 */
public record ValidateConfig(String ledgerTable) {

    /** The only place validate reads its environment. */
    public static ValidateConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Settings from an environment map: the local run passes the environment the stack template gives the function. */
    public static ValidateConfig from(Map<String, String> environment) {
        return new ValidateConfig(RequiredSetting.of(environment, EnvironmentVariables.LEDGER_TABLE));
    }
}
