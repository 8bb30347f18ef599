package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.KpiRefreshInput;
import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.warehouse.KpiSql;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.TaskStateBase;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoAttributeValue;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoUpdateItem;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.constructs.Construct;

/**
 * The {@code kpi-refresh} state machine (STANDARD), started by load with a {@code KpiRefreshInput}
 * ({@code refreshId}, {@code dates}, {@code objectId}), the execution named after the refresh id. One execution at a
 * time refreshes: it holds the refresh lease, an item of the ledger table.
 *
 * <pre>
 * Take refresh lease      conditional write: the lease is free. Taken: Loads settled?. Held: Register as pending
 * Register as pending      conditional ADD on the held lease (ReturnValues ALL_NEW: who holds it); released
 *                          meanwhile: Take refresh lease again
 * Describe lease holder    DescribeExecution of the holder; RUNNING: Record coalesced → Coalesced (the holder owes
 *                          a successor); ended, or gone: Take over lease (conditional on that holder) → Loads settled?
 * Loads settled?           conditional write on the lease: held by this execution and no load in flight (or the
 *                          latest in-flight deadline passed): clears pending → Refresh KPIs. Loads in flight: Wait
 *                          for loads (5 s) → Loads settled?
 * Refresh KPIs             Parallel of one branch, retried when its statement fails:
 *                            Call refresh procedure: CALL backbeat_refresh_kpis(:refresh_id), polled with backoff
 * Publish KPIs             Parallel, one branch per KPI table: Select &lt;table&gt; (polled) → Publish &lt;table&gt;
 * Release refresh lease    conditional on holding it, ReturnValues ALL_OLD; something pending: Name successor →
 *                          Start successor (states:startExecution, a UUID as name and refresh id)
 * Refresh outcome?         an error on the way: KPI refresh failed; else Record success → KPIs refreshed
 * </pre>
 *
 * A failure of the refresh, the publication or a ledger write is caught into {@code $.error}, recorded by
 * {@code Record failure} (FAILED, the error), and goes on to {@code Release refresh lease}, so that a failed holder
 * frees the lease and starts its successor too; the execution then ends in {@code KPI refresh failed}. What no
 * Catch sees (a timeout, an abort) the {@link RefreshMonitor} records and releases.
 *
 * <p>Why one at a time: the refresh claims every date waiting, and only the holder refreshes and publishes, so
 * refreshes and their publications happen in lease order and a publication never overwrites newer KPIs with older
 * ones. A load committing during a refresh is not in its snapshot; its execution finds the lease held, registers
 * and ends; the holder then starts one successor, whatever the number of such loads.
 *
 * <p>Why the holder waits for the loads in flight: a load {@code LOCK}s the fact table, so a refresh and a load take
 * turns for it; refreshing after each load of a burst spends the warehouse on refreshes the next load makes stale. Loads
 * mark themselves in flight on the lease item from before they write until they started the refresh of what they
 * committed ({@code LoadsInFlight}); the holder refreshes once none is. The loads that ended while it waited registered
 * as pending; their dates are in this refresh, so the check that lets it go on clears the pending count, and a
 * successor is owed only to executions that register after it.
 *
 * <p>Why the holder's liveness and not a clock: the lease expires when its holder stops running, which Step
 * Functions guarantees at the latest at the execution timeout; ASL's intrinsic functions have no date arithmetic
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html) to write "entered + timeout",
 * and DescribeExecution answers exactly whether the holder still runs.
 *
 * <p>State outputs never copy the input: each Task keeps its result under its own ResultPath (or discards it,
 * {@code ResultPath: null}, https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html), the
 * Parallel states pass their branches only {@code refreshId} and discard or select what comes back, so a long
 * {@code dates} list travels once and stays far from the 256 KiB payload quota
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). Every Task retries the service's
 * transient errors and {@code States.TaskFailed} with exponential backoff and full jitter. State names are stable:
 * tests and the local runner find states by them.
 *
 * <p>The Redshift statements run as the publish function's role (Step Functions assumes it for those tasks):
 * the Data API shows a statement's result only to the role that ran it, and publish reads the selects' results.
 * The state machine's own role can assume that role, invoke publish, update the ledger, describe its own
 * executions and start new ones.
 */
public final class KpiStateMachine extends Construct {
    public static final String TAKE_LEASE = "Take refresh lease";
    public static final String REGISTER_PENDING = "Register as pending";
    public static final String DESCRIBE_HOLDER = "Describe lease holder";
    public static final String HOLDER_RUNNING = "Lease holder running?";
    public static final String TAKE_OVER_LEASE = "Take over lease";
    public static final String RECORD_COALESCED = "Record coalesced";
    public static final String COALESCED = "Coalesced";
    public static final String LOADS_SETTLED = "Loads settled?";
    public static final String WAIT_FOR_LOADS = "Wait for loads";
    public static final String REFRESH = "Refresh KPIs";
    /** The refresh procedure's statement, inside {@link #REFRESH}. */
    public static final String REFRESH_STATEMENT = "Call refresh procedure";
    public static final String REFRESH_STATEMENT_FAILED = "Refresh statement failed";
    public static final String PUBLISH = "Publish KPIs";
    public static final String RELEASE_LEASE = "Release refresh lease";
    public static final String ANYTHING_PENDING = "Anything pending?";
    public static final String NAME_SUCCESSOR = "Name successor";
    public static final String START_SUCCESSOR = "Start successor";
    public static final String OUTCOME = "Refresh outcome?";
    public static final String RECORD_SUCCESS = "Record success";
    public static final String SUCCEEDED = "KPIs refreshed";
    public static final String RECORD_FAILURE = "Record failure";
    public static final String FAILED = "KPI refresh failed";
    /** How often a holder checks whether the loads in flight have ended. */
    static final Duration LOADS_CHECK_INTERVAL = Duration.seconds(5);
    static final String REFRESH_ID = "$.refreshId";
    static final String DATES = "$.dates";
    static final String OBJECT_ID = "$.objectId";
    static final String ERROR = "$.error";
    static final String SUCCESSOR = "$.successor";
    /** The DescribeExecution error for an execution Step Functions does not know (any more). */
    static final String EXECUTION_DOES_NOT_EXIST = "Sfn.ExecutionDoesNotExistException";
    static final String CONDITIONAL_CHECK_FAILED = "DynamoDB.ConditionalCheckFailedException";
    /** The optimized states:startExecution integration's name for StartExecution's ExecutionAlreadyExists. */
    static final String EXECUTION_ALREADY_EXISTS = "StepFunctions.ExecutionAlreadyExistsException";
    /**
     * Errors of the service integrations worth more patience than a plain task failure (throttling, limits). Each
     * is an exception class of the AWS SDK model (checked by a test), or for Lambda one the Step Functions guide
     * names (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html).
     */
    static final List<String> REDSHIFT_DATA_TRANSIENT = List.of("RedshiftData.ActiveStatementsExceededException",
            "RedshiftData.ActiveSessionsExceededException", "RedshiftData.InternalServerException");
    static final List<String> DYNAMODB_TRANSIENT = List.of("DynamoDB.ProvisionedThroughputExceededException",
            "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceededException", "DynamoDB.InternalServerErrorException");
    static final List<String> LAMBDA_TRANSIENT = List.of("Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    private final StateMachine stateMachine;

    /** The state running the select of a KPI table. */
    public static String selectState(String table) {
        return "Select " + table;
    }

    /** The state invoking the publish function for a KPI table. */
    public static String publishState(String table) {
        return "Publish " + table;
    }

    public KpiStateMachine(Construct scope, String id, KpiStateMachineProps props) {
        super(scope, id);
        Role statementRole = props.publish().role();
        RefreshLease lease = new RefreshLease(this, props.ledger());

        Fail failed = Fail.Builder.create(this, FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        DynamoUpdateItem recordSuccess = recordOutcome(RECORD_SUCCESS, props, LedgerStatus.SUCCEEDED, Map.of(), Map.of());
        Choice outcome = Choice.Builder.create(this, OUTCOME).build()
                .when(Condition.isPresent(ERROR), failed)
                .otherwise(recordSuccess);

        // Release: shared by success and failure, so a failed holder frees the lease and owes its successor too.
        DynamoUpdateItem release = lease.release(RELEASE_LEASE);
        retries(DYNAMODB_TRANSIENT).forEach(release::addRetry);
        // Not the holder (it failed before taking the lease), or the lease could not be written: nothing to release or owe.
        release.addCatch(outcome, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.releaseError").build());
        Pass nameSuccessor = Pass.Builder.create(this, NAME_SUCCESSOR)
                .parameters(Map.of("name", JsonPath.uuid()))
                .resultPath(SUCCESSOR)
                .build();
        CustomState startSuccessor = startSuccessor();
        retries(List.of()).forEach(startSuccessor::addRetry);
        // Started by an attempt whose answer was lost, then refused by the retry: it runs, which is what was owed.
        startSuccessor.addCatch(outcome, CatchProps.builder().errors(List.of(EXECUTION_ALREADY_EXISTS))
                .resultPath(SUCCESSOR + ".alreadyStarted").build());
        // A successor that cannot start fails this execution (and the RefreshMonitor records it).
        startSuccessor.addCatch(failed, catchAll());
        nameSuccessor.next(startSuccessor);
        startSuccessor.next(outcome);
        release.next(Choice.Builder.create(this, ANYTHING_PENDING).build()
                .when(Condition.isPresent(RefreshLease.RELEASED + ".Attributes." + LedgerSchema.PENDING), nameSuccessor)
                .otherwise(outcome));

        DynamoUpdateItem recordFailure = recordOutcome(RECORD_FAILURE, props, LedgerStatus.FAILED,
                Map.of("#error", LedgerSchema.ERROR),
                Map.of(":error", DynamoAttributeValue.fromString(
                        JsonPath.format("{}: {}", JsonPath.stringAt(ERROR + ".Error"), JsonPath.stringAt(ERROR + ".Cause")))));
        retries(DYNAMODB_TRANSIENT).forEach(recordFailure::addRetry);
        // Failing to record the failure must not hide it: the catch keeps $.error for the Fail state.
        recordFailure.addCatch(release, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.recordError").build());
        recordFailure.next(release);
        guard(recordSuccess, DYNAMODB_TRANSIENT, recordFailure);
        recordSuccess.next(new Succeed(this, SUCCEEDED));

        Parallel publish = Parallel.Builder.create(this, PUBLISH)
                .comment("One branch per KPI table: select its refreshed rows, then publish them")
                .parameters(Map.of("refreshId", JsonPath.stringAt(REFRESH_ID)))
                .resultPath("$.published")
                .build();
        for (String table : KpiSql.PUBLISHED) {
            publish.branch(publishBranch(table, props, statementRole));
        }
        publish.addRetry(RetryProps.builder().errors(List.of(StatementLoop.STATEMENT_FAILED, StatementLoop.STATEMENT_ABORTED))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(2).jitterStrategy(JitterType.FULL).build());
        publish.addCatch(recordFailure, catchAll());
        publish.next(release);

        // The refresh statement and its polling loop run inside a one-branch Parallel, so that a statement that
        // ends FAILED (a Fail state in the branch) is retried as a whole, with backoff, before the failure is recorded.
        Fail statementFailed = Fail.Builder.create(this, REFRESH_STATEMENT_FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        StatementLoop statement = new StatementLoop(this, REFRESH_STATEMENT, KpiSql.REFRESH, "$.statement", props.warehouse(),
                statementRole, props.polling(), new Succeed(this, REFRESH_STATEMENT + " finished"), statementFailed);
        guardStatement(statement, statementFailed);
        Parallel refresh = Parallel.Builder.create(this, REFRESH)
                .comment("The refresh procedure, retried as a whole when its statement fails")
                .parameters(Map.of("refreshId", JsonPath.stringAt(REFRESH_ID)))
                .resultPath(JsonPath.DISCARD)
                .build();
        refresh.branch(Chain.start(statement.start()));
        refresh.addRetry(RetryProps.builder().errors(List.of(StatementLoop.STATEMENT_FAILED, StatementLoop.STATEMENT_ABORTED))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(2).jitterStrategy(JitterType.FULL).build());
        refresh.addCatch(recordFailure, catchAll());
        refresh.next(publish);

        DynamoUpdateItem recordCoalesced = recordOutcome(RECORD_COALESCED, props, LedgerStatus.COALESCED, Map.of(), Map.of());
        guard(recordCoalesced, DYNAMODB_TRANSIENT, recordFailure);
        recordCoalesced.next(new Succeed(this, COALESCED));

        DynamoUpdateItem take = lease.take(TAKE_LEASE);
        DynamoUpdateItem register = lease.register(REGISTER_PENDING);
        DynamoUpdateItem takeOver = lease.takeOver(TAKE_OVER_LEASE);
        DynamoUpdateItem settled = lease.loadsSettled(LOADS_SETTLED);
        Wait waitForLoads = Wait.Builder.create(this, WAIT_FOR_LOADS)
                .comment("Loads are in flight: the refresh waits for them, so that a burst of loads ends in one refresh")
                .time(WaitTime.duration(LOADS_CHECK_INTERVAL))
                .build();
        CustomState describeHolder = describeHolder();
        for (DynamoUpdateItem write : List.of(take, register, takeOver, settled)) {
            retries(DYNAMODB_TRANSIENT).forEach(write::addRetry);
        }
        // Held: register; released meanwhile: take it again; taken over by another: take (and register) again.
        take.addCatch(register, CatchProps.builder().errors(List.of(CONDITIONAL_CHECK_FAILED)).resultPath(RefreshLease.LEASE).build());
        register.addCatch(take, CatchProps.builder().errors(List.of(CONDITIONAL_CHECK_FAILED)).resultPath(RefreshLease.LEASE).build());
        takeOver.addCatch(take, CatchProps.builder().errors(List.of(CONDITIONAL_CHECK_FAILED)).resultPath("$.holder").build());
        // Loads in flight: wait and check again. The check's error replaces the last one, so the state stays small.
        settled.addCatch(waitForLoads, CatchProps.builder().errors(List.of(CONDITIONAL_CHECK_FAILED)).resultPath("$.loadsInFlight").build());
        waitForLoads.next(settled);
        retries(List.of()).forEach(describeHolder::addRetry);
        // A holder Step Functions no longer knows (its history expired) is not running either.
        describeHolder.addCatch(takeOver, CatchProps.builder().errors(List.of(EXECUTION_DOES_NOT_EXIST)).resultPath("$.holder").build());
        for (State write : List.of(take, register, takeOver, settled, describeHolder)) {
            if (write instanceof TaskStateBase task) {
                task.addCatch(recordFailure, catchAll());
            } else {
                ((CustomState) write).addCatch(recordFailure, catchAll());
            }
        }
        take.next(settled);
        settled.next(refresh);
        register.next(describeHolder);
        describeHolder.next(Choice.Builder.create(this, HOLDER_RUNNING).build()
                .when(Condition.stringEquals("$.holder.Status", "RUNNING"), recordCoalesced)
                .otherwise(takeOver));
        takeOver.next(settled);

        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName(VendedLogGroups.stateMachine(this, "kpi-refresh"))
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .comment("kpi-refresh: one execution at a time recomputes the KPIs of every date loads changed, publishes"
                        + " them, and records the outcome")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(take))
                .timeout(props.timeout())
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
        // Step Functions assumes the publish role for the Redshift tasks: this role may, and the publish role trusts it.
        statementRole.grantAssumeRole(stateMachine.getRole());
        statementRole.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .principals(List.of(new ArnPrincipal(stateMachine.getRole().getRoleArn())))
                .build());
        // Its own executions: a separate policy, because the state machine depends on its role's default policy and
        // this one names the state machine.
        Policy ownExecutions = Policy.Builder.create(this, "OwnExecutions")
                .roles(List.of(stateMachine.getRole()))
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("states:StartExecution"))
                                .resources(List.of(stateMachine.getStateMachineArn()))
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("states:DescribeExecution"))
                                .resources(List.of(executionsOf(stateMachine)))
                                .build()))
                .build();
        String logicalId = Stack.of(this).resolve(((CfnResource) stateMachine.getNode().getDefaultChild()).getLogicalId()).toString();
        NagSuppressions.addResourceSuppressions(ownExecutions, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("states:DescribeExecution is granted on the executions of this state machine only"
                        + " (execution:<its name>:*): an execution ARN names the execution, which is not known before it"
                        + " starts; the state machine describes the lease holder, one of its own executions.")
                .appliesTo(List.of("Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<"
                        + logicalId + ".Name>:*"))
                .build()), true);
        Suppressions.stateMachineRole(stateMachine.getRole());
    }

    /** {@code arn:…:execution:<state machine name>:*}: every execution of the state machine. */
    static String executionsOf(StateMachine stateMachine) {
        return Stack.of(stateMachine).formatArn(ArnComponents.builder()
                .service("states").resource("execution").resourceName(stateMachine.getStateMachineName() + ":*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /**
     * Starts one successor: the same state machine ({@code $$.StateMachine.Id}, so the definition does not name
     * itself), named and identified by a fresh UUID, with no dates of its own
     * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html).
     */
    private CustomState startSuccessor() {
        return CustomState.Builder.create(this, START_SUCCESSOR).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", Stack.of(this).formatArn(ArnComponents.builder()
                        .service("states").region("").account("").resource("states:startExecution").build()),
                "Parameters", sorted(Map.of(
                        "StateMachineArn.$", "$$.StateMachine.Id",
                        "Name.$", SUCCESSOR + ".name",
                        "Input", sorted(Map.of(
                                "refreshId.$", SUCCESSOR + ".name",
                                "dates", List.of(),
                                "objectId.$", "States.Format('" + KpiRefreshInput.SUCCESSOR_PREFIX + "{}', " + SUCCESSOR + ".name)",
                                "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$", RefreshLease.SELF)))),
                "ResultSelector", Map.of("executionArn.$", "$.ExecutionArn"),
                "ResultPath", SUCCESSOR + ".started"))).build();
    }

    /** DescribeExecution of the lease holder, by the state machine's own role; only its status is kept. */
    private CustomState describeHolder() {
        return CustomState.Builder.create(this, DESCRIBE_HOLDER).stateJson(sorted(Map.of(
                "Type", "Task",
                "Resource", Stack.of(this).formatArn(ArnComponents.builder()
                        .service("states").region("").account("").resource("aws-sdk:sfn:describeExecution").build()),
                "Parameters", Map.of("ExecutionArn.$", RefreshLease.LEASE + ".holder"),
                "ResultSelector", Map.of("Status.$", "$.Status"),
                "ResultPath", "$.holder"))).build();
    }

    /** The loop's tasks retry and catch into its error state; a failed cancel still ends in the timeout. */
    private static void guardStatement(StatementLoop statement, State onError) {
        statement.tasks().forEach(task -> guard(task, REDSHIFT_DATA_TRANSIENT, onError));
        retries(REDSHIFT_DATA_TRANSIENT).forEach(statement.cancelTask()::addRetry);
        statement.cancelTask().addCatch(statement.timedOut(),
                CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.cancelError").build());
    }

    private Chain publishBranch(String table, KpiStateMachineProps props, Role statementRole) {
        Fail branchFailed = Fail.Builder.create(this, publishState(table) + " failed")
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        LambdaInvoke invoke = LambdaInvoke.Builder.create(this, publishState(table))
                .lambdaFunction(props.publish().alias())
                .payload(TaskInput.fromObject(sorted(Map.of(
                        "refreshId", JsonPath.stringAt(REFRESH_ID),
                        "table", table,
                        "statementId", JsonPath.stringAt("$.statement.Id")))))
                .retryOnServiceExceptions(false) // retried by guard, with jitter
                .resultSelector(sorted(Map.of(
                        "table", JsonPath.stringAt("$.Payload.table"),
                        "items", JsonPath.numberAt("$.Payload.items"))))
                .build();
        guard(invoke, LAMBDA_TRANSIENT, branchFailed);
        StatementLoop select = new StatementLoop(this, selectState(table), KpiSql.select(table), "$.statement",
                props.warehouse(), statementRole, props.polling(), invoke, branchFailed);
        guardStatement(select, branchFailed);
        return Chain.start(select.start());
    }

    private DynamoUpdateItem recordOutcome(String name, KpiStateMachineProps props, LedgerStatus status,
            Map<String, String> setAttributes, Map<String, DynamoAttributeValue> setValues) {
        Map<String, String> names = new TreeMap<>(Map.of(
                "#status", LedgerSchema.STATUS,
                "#started", LedgerSchema.STARTED_AT,
                "#finished", LedgerSchema.FINISHED_AT,
                "#refresh", LedgerSchema.REFRESH_ID));
        names.putAll(setAttributes);
        Map<String, DynamoAttributeValue> values = new TreeMap<>(Map.of(
                ":status", DynamoAttributeValue.fromString(status.name()),
                ":started", DynamoAttributeValue.fromString(JsonPath.stringAt("$$.Execution.StartTime")),
                ":finished", DynamoAttributeValue.fromString(JsonPath.stringAt("$$.State.EnteredTime")),
                ":refresh", DynamoAttributeValue.fromString(JsonPath.stringAt(REFRESH_ID))));
        values.putAll(setValues);
        StringJoiner update = new StringJoiner(", ", "SET ", "");
        names.keySet().forEach(attribute -> update.add(attribute + " = :" + attribute.substring(1)));
        return DynamoUpdateItem.Builder.create(this, name)
                .table(props.ledger())
                .key(sorted(Map.of(
                        LedgerSchema.OBJECT, DynamoAttributeValue.fromString(JsonPath.stringAt(OBJECT_ID)),
                        LedgerSchema.STAGE, DynamoAttributeValue.fromString(Stage.KPI_REFRESH.id()))))
                .updateExpression(update.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .resultPath(JsonPath.DISCARD)
                .build();
    }

    /** {@link #retries}, then catches everything into {@code $.error} and goes to {@code onError}. */
    private static void guard(TaskStateBase task, List<String> transientErrors, State onError) {
        retries(transientErrors).forEach(task::addRetry);
        task.addCatch(onError, catchAll());
    }

    private static void guard(CustomState task, List<String> transientErrors, State onError) {
        retries(transientErrors).forEach(task::addRetry);
        task.addCatch(onError, catchAll());
    }

    /**
     * The errors that are answers, not failures, never retried: a condition that does not hold, an execution that does
     * not exist, a name already used; each Task that can raise one catches it. First, because States.TaskFailed in a
     * later retrier matches every error but States.Timeout and would otherwise retry them, and retriers are tried in
     * order; MaxAttempts 0 never retries (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html,
     * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_stepfunctions.RetryProps.html).
     */
    static final List<String> ANSWERS = List.of(CONDITIONAL_CHECK_FAILED, EXECUTION_DOES_NOT_EXIST, EXECUTION_ALREADY_EXISTS);

    /**
     * Never the {@link #ANSWERS}; the service's transient errors patiently, then any other task failure a few times,
     * both with exponential backoff and full jitter.
     */
    private static List<RetryProps> retries(List<String> transientErrors) {
        RetryProps answers = RetryProps.builder().errors(ANSWERS).maxAttempts(0).build();
        RetryProps taskFailed = RetryProps.builder().errors(List.of(Errors.TASKS_FAILED))
                .interval(Duration.seconds(2)).backoffRate(2).maxAttempts(3).jitterStrategy(JitterType.FULL).build();
        if (transientErrors.isEmpty()) {
            return List.of(answers, taskFailed);
        }
        return List.of(answers,
                RetryProps.builder().errors(transientErrors)
                        .interval(Duration.seconds(2)).backoffRate(2).maxAttempts(6).jitterStrategy(JitterType.FULL).build(),
                taskFailed);
    }

    private static CatchProps catchAll() {
        return CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(ERROR).build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
