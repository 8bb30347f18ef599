package io.backbeat.infra;

import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * Names of log groups that AWS services deliver logs to ("vended logs").
 *
 * <p>Step Functions adds each logging state machine's log group to the account's CloudWatch Logs resource policy,
 * which is limited to 5,120 characters; groups named under {@code /aws/vendedlogs/} do not need a policy entry
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html), so many state machines fit in one account.
 */
final class VendedLogGroups {
    static final String STATES_PREFIX = "/aws/vendedlogs/states/";

    private VendedLogGroups() {}

    /**
     * {@code /aws/vendedlogs/states/<stack name>-<name>}: the stack name makes it unique per stage in an account
     * and Region, as a physical name must be.
     */
    static String stateMachine(Construct scope, String name) {
        return STATES_PREFIX + Stack.of(scope).getStackName() + "-" + name;
    }
}
