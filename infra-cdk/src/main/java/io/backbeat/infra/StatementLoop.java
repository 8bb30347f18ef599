package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.warehouse.KpiSql;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.constructs.Construct;

/**
 * One SQL statement through the Redshift Data API service integration, polled without a Lambda:
 * {@code <label>} (ExecuteStatement) → {@code Wait for <label>} → {@code Describe <label>} →
 * {@code <label> done?}: FINISHED goes on, FAILED and ABORTED put {@code {Error, Cause}} at {@code $.error}
 * (for FAILED the cause is the warehouse's own error text) and go to the error state, anything else waits again.
 *
 * <p>Both tasks run with the {@code Credentials} of the statement role, so the statement belongs to that role
 * (the Data API lets only the role that ran a statement describe it or read its result). They are
 * {@link CustomState}s because CDK's {@code CallAwsService} would also grant its actions to the state machine's
 * own role, which never calls the Data API here.
 */
final class StatementLoop {
    static final String STATEMENT_FAILED = "Redshift.StatementFailed";
    static final String STATEMENT_ABORTED = "Redshift.StatementAborted";

    private final CustomState execute;
    private final CustomState describe;

    /**
     * @param label the name of the executing state; the loop's other states are named after it
     * @param sql the statement, whose one parameter {@code :refresh_id} is the input's {@code batchId}
     * @param resultPath where the statement's description is kept ({@code Id}, {@code Status}, {@code Error}, …)
     * @param statementRole the role the statement runs as
     */
    StatementLoop(Construct scope, String label, String sql, String resultPath, Warehouse warehouse, IRole statementRole,
            Duration pollInterval, IChainable whenFinished, State onError) {
        Map<String, Object> credentials = Map.of("RoleArn", statementRole.getRoleArn());
        execute = CustomState.Builder.create(scope, label).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", sdkIntegration(scope, "executeStatement"),
                "Credentials", credentials,
                "Parameters", sorted(Map.of(
                        "WorkgroupName", warehouse.workgroupName(),
                        "Database", warehouse.databaseName(),
                        "Sql", sql,
                        "Parameters", List.of(sorted(Map.of("Name", KpiSql.REFRESH_ID, "Value.$", KpiStateMachine.BATCH_ID))))),
                "ResultSelector", Map.of("Id.$", "$.Id"),
                "ResultPath", resultPath))).build();
        Wait wait = Wait.Builder.create(scope, "Wait for " + label).time(WaitTime.duration(pollInterval)).build();
        describe = CustomState.Builder.create(scope, "Describe " + label).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", sdkIntegration(scope, "describeStatement"),
                "Credentials", credentials,
                "Parameters", Map.of("Id.$", resultPath + ".Id"),
                "ResultPath", resultPath))).build();
        Pass failed = Pass.Builder.create(scope, label + " statement failed")
                .parameters(sorted(Map.of("Error", STATEMENT_FAILED, "Cause", JsonPath.stringAt(resultPath + ".Error"))))
                .resultPath(KpiStateMachine.ERROR)
                .build();
        Pass aborted = Pass.Builder.create(scope, label + " statement aborted")
                .parameters(sorted(Map.of("Error", STATEMENT_ABORTED, "Cause",
                        JsonPath.format("Redshift statement {} was aborted", JsonPath.stringAt(resultPath + ".Id")))))
                .resultPath(KpiStateMachine.ERROR)
                .build();
        failed.next(onError);
        aborted.next(onError);
        Choice done = Choice.Builder.create(scope, label + " done?").build()
                .when(Condition.stringEquals(resultPath + ".Status", "FINISHED"), whenFinished)
                .when(Condition.stringEquals(resultPath + ".Status", "FAILED"), failed)
                .when(Condition.stringEquals(resultPath + ".Status", "ABORTED"), aborted)
                .otherwise(wait);
        execute.next(wait);
        wait.next(describe);
        describe.next(done);
    }

    /** {@code arn:<partition>:states:::aws-sdk:redshiftdata:<action>}, the AWS SDK integration of the Data API. */
    private static String sdkIntegration(Construct scope, String action) {
        return Stack.of(scope).formatArn(ArnComponents.builder()
                .service("states").region("").account("").resource("aws-sdk:redshiftdata:" + action).build());
    }

    /** The first state of the loop. */
    CustomState start() {
        return execute;
    }

    /** The two Task states, for retries and catches. */
    List<CustomState> tasks() {
        return List.of(execute, describe);
    }
}
