package io.backbeat.functions.kpi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.aws.Lazy;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Lambda entry point of the refresh monitor: the target of the EventBridge rule on "Step Functions Execution Status
 * Change" events of the {@code kpi-refresh} state machine with status TIMED_OUT, ABORTED or FAILED
 * (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html). Records the outcome in the
 * ledger and frees the refresh lease if that execution held it; see {@link RefreshMonitor}. Returns what it did.
 */
public final class RefreshMonitorHandler implements RequestHandler<Map<String, Object>, String> {
    private final RefreshMonitor monitor;

    /** Used by the Lambda runtime: the Step Functions client is built when a successor is first started, not before. */
    public RefreshMonitorHandler() {
        this(RefreshMonitorConfig.fromEnvironment());
    }

    private RefreshMonitorHandler(RefreshMonitorConfig config) {
        this(AwsClients.dynamoDb(), Lazy.of(AwsClients::stepFunctions), config.ledgerTable(), config.stateMachineArn());
    }

    /** For tests and local runs. */
    public RefreshMonitorHandler(DynamoDbClient dynamoDb, SfnClient sfn, String ledgerTable, String stateMachineArn) {
        this(dynamoDb, () -> sfn, ledgerTable, stateMachineArn);
    }

    private RefreshMonitorHandler(DynamoDbClient dynamoDb, java.util.function.Supplier<SfnClient> sfn, String ledgerTable,
            String stateMachineArn) {
        this(new RefreshMonitor(dynamoDb, ledgerTable, (name, input) -> sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn)
                .name(name).input(input)).executionArn(), Clock.systemUTC()));
    }

    /** With any way of starting the successor (the local runner's). */
    public RefreshMonitorHandler(RefreshMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return monitor.executionEnded(RefreshMonitor.StatusChange.from(event)).toString();
    }
}
