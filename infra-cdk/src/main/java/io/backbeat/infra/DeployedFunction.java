package io.backbeat.infra;

import java.util.Objects;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * One deployed handler: the function, the {@value IngestFunctions#ALIAS} alias that triggers and the state
 * machine invoke (a published version, so SnapStart applies), its own role and its log group.
 */
public record DeployedFunction(Function function, Alias alias, Role role, LogGroup logGroup) {
    public DeployedFunction {
        Objects.requireNonNull(function, "function must not be null");
        Objects.requireNonNull(alias, "alias must not be null");
        Objects.requireNonNull(role, "role must not be null");
        Objects.requireNonNull(logGroup, "logGroup must not be null");
    }
}
