package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.warehouse.KpiSql;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.constructs.Construct;

/**
 * One SQL statement through the Redshift Data API service integration, polled without a Lambda:
 *
 * <pre>
 * &lt;label&gt;                      ExecuteStatement; {Id} at the result path
 * Start polling &lt;label&gt;        $.poll = {wait: first wait, waited: 0}
 * Wait for &lt;label&gt;             waits $.poll.wait seconds
 * Describe &lt;label&gt;             DescribeStatement, the description at the result path
 * &lt;label&gt; done?                FINISHED: on; FAILED, ABORTED: {Error, Cause} at $.error, to the error state
 * Back off &lt;label&gt;             waited += wait; wait doubles (States.MathAdd)
 * &lt;label&gt; past deadline?       waited reached the deadline: Cancel &lt;label&gt; (CancelStatement), then
 *                              {Redshift.StatementTimedOut, cause} at $.error, to the error state
 * &lt;label&gt; wait capped?         a wait above the longest becomes the longest; then Wait again
 * </pre>
 *
 * <p>So checks come 5, 10, 20, 30, 30… seconds apart with the default {@link KpiStateMachineProps.Polling}: a
 * statement of an hour costs about 120 rounds of a few events each, far from the 25,000 events an execution's
 * history may hold (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html), and a statement
 * past its deadline is cancelled rather than abandoned holding its locks. The deadline counts waited seconds, so
 * the statement has run at least that long when it is cancelled.
 *
 * <p>The three Task states run with the {@code Credentials} of the statement role, so the statement belongs to that
 * role (the Data API lets only the role that ran a statement describe, cancel it or read its result). They are
 * {@link CustomState}s because CDK's {@code CallAwsService} would also grant its actions to the state machine's own
 * role, which never calls the Data API here.
 */
final class StatementLoop {
    static final String STATEMENT_FAILED = "Redshift.StatementFailed";
    static final String STATEMENT_ABORTED = "Redshift.StatementAborted";
    static final String STATEMENT_TIMED_OUT = "Redshift.StatementTimedOut";
    /** Where the loop keeps its polling state: {@code {wait, waited}} in seconds. */
    static final String POLL = "$.poll";

    private final CustomState execute;
    private final CustomState describe;
    private final CustomState cancel;
    private final Pass timedOut;

    /**
     * @param label the name of the executing state; the loop's other states are named after it
     * @param sql the statement, whose one parameter {@code :refresh_id} is the input's {@code refreshId}
     * @param resultPath where the statement's description is kept ({@code Id}, {@code Status}, {@code Error}, …)
     * @param statementRole the role the statement runs as
     */
    StatementLoop(Construct scope, String label, String sql, String resultPath, Warehouse warehouse, IRole statementRole,
            KpiStateMachineProps.Polling polling, IChainable whenFinished, State onError) {
        Map<String, Object> credentials = Map.of("RoleArn", statementRole.getRoleArn());
        execute = CustomState.Builder.create(scope, label).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", sdkIntegration(scope, "executeStatement"),
                "Credentials", credentials,
                "Parameters", sorted(Map.of(
                        "WorkgroupName", warehouse.workgroupName(),
                        "Database", warehouse.databaseName(),
                        "Sql", sql,
                        "Parameters", List.of(sorted(Map.of("Name", KpiSql.REFRESH_ID, "Value.$", KpiStateMachine.REFRESH_ID))))),
                "ResultSelector", Map.of("Id.$", "$.Id"),
                "ResultPath", resultPath))).build();
        long first = polling.firstWait().toSeconds().longValue();
        long longest = polling.longestWait().toSeconds().longValue();
        Pass start = Pass.Builder.create(scope, "Start polling " + label)
                .result(Result.fromObject(sorted(Map.of("wait", first, "waited", 0))))
                .resultPath(POLL)
                .build();
        Wait wait = Wait.Builder.create(scope, "Wait for " + label).time(WaitTime.secondsPath(POLL + ".wait")).build();
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
        timedOut = Pass.Builder.create(scope, label + " statement timed out")
                .parameters(sorted(Map.of("Error", STATEMENT_TIMED_OUT, "Cause", JsonPath.format(
                        "Redshift statement {} of state '" + label + "' was still running after {} s of polling and was"
                                + " cancelled (CancelStatement); find what blocks it in SYS_QUERY_HISTORY, or raise the"
                                + " statement deadline (KpiStateMachineProps.Polling)",
                        JsonPath.stringAt(resultPath + ".Id"), JsonPath.stringAt(POLL + ".waited")))))
                .resultPath(KpiStateMachine.ERROR)
                .build();
        cancel = CustomState.Builder.create(scope, "Cancel " + label).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", sdkIntegration(scope, "cancelStatement"),
                "Credentials", credentials,
                "Parameters", Map.of("Id.$", resultPath + ".Id"),
                "ResultPath", JsonPath.DISCARD))).build();
        Pass backOff = Pass.Builder.create(scope, "Back off " + label)
                .parameters(sorted(Map.of(
                        "wait", JsonPath.mathAdd(JsonPath.numberAt(POLL + ".wait"), JsonPath.numberAt(POLL + ".wait")),
                        "waited", JsonPath.mathAdd(JsonPath.numberAt(POLL + ".waited"), JsonPath.numberAt(POLL + ".wait")))))
                .resultPath(POLL)
                .build();
        Pass cap = Pass.Builder.create(scope, "Cap wait for " + label)
                .parameters(sorted(Map.of("wait", longest, "waited", JsonPath.numberAt(POLL + ".waited"))))
                .resultPath(POLL)
                .build();
        failed.next(onError);
        aborted.next(onError);
        timedOut.next(onError);
        cancel.next(timedOut);
        cap.next(wait);
        Choice capped = Choice.Builder.create(scope, label + " wait capped?").build()
                .when(Condition.numberGreaterThan(POLL + ".wait", longest), cap)
                .otherwise(wait);
        Choice deadline = Choice.Builder.create(scope, label + " past deadline?").build()
                .when(Condition.numberGreaterThanEquals(POLL + ".waited", polling.statementDeadline().toSeconds().longValue()), cancel)
                .otherwise(capped);
        backOff.next(deadline);
        Choice done = Choice.Builder.create(scope, label + " done?").build()
                .when(Condition.stringEquals(resultPath + ".Status", "FINISHED"), whenFinished)
                .when(Condition.stringEquals(resultPath + ".Status", "FAILED"), failed)
                .when(Condition.stringEquals(resultPath + ".Status", "ABORTED"), aborted)
                .otherwise(backOff);
        execute.next(start);
        start.next(wait);
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

    /** The Task states executing and describing, for retries and catches to the error state. */
    List<CustomState> tasks() {
        return List.of(execute, describe);
    }

    /**
     * The Task cancelling a statement past its deadline: whether or not the cancel succeeds, the execution fails
     * with the timeout, so its catch leads to the timeout's error state too.
     */
    CustomState cancelTask() {
        return cancel;
    }

    /** The state after a cancel: the timeout error at {@code $.error}, then the error state. */
    Pass timedOut() {
        return timedOut;
    }
}
