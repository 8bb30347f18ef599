package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.warehouse.KpiSql;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.TaskStateBase;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoAttributeValue;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoUpdateItem;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The {@code kpi-refresh} state machine (STANDARD), started by load with a {@code KpiRefreshInput}
 * ({@code batchId}, {@code dates}, {@code objectId}), the execution named after the batch id:
 *
 * <pre>
 * Refresh KPIs           Parallel of one branch, retried when its statement fails:
 *                          Call refresh procedure: CALL backbeat_refresh_kpis(:refresh_id), polled (Wait / Describe / done?)
 * Publish KPIs           Parallel, one branch per KPI table:
 *                          Select &lt;table&gt; (polled) → Publish &lt;table&gt; (the publish function, PublishRequest)
 * Record success         the ledger item (objectId, kpi_refresh): SUCCEEDED, times, refresh id, date count
 * KPIs refreshed
 * </pre>
 *
 * Every Task retries with exponential backoff and full jitter and catches {@code States.ALL} into
 * {@code $.error}; every failure, and a statement that ends FAILED or ABORTED, goes to {@code Record failure}
 * (FAILED, the error) and ends in {@code KPI refresh failed}, whose error and cause are those in {@code $.error}
 * (for a failed statement, the warehouse's own error text). State names are stable: tests and the local runner
 * find states by them.
 *
 * <p>The Redshift statements run as the publish function's role (Step Functions assumes it for those tasks):
 * the Data API shows a statement's result only to the role that ran it, and publish reads the selects' results.
 * The state machine's own role can only assume that role, invoke publish and update the ledger.
 */
public final class KpiStateMachine extends Construct {
    public static final String REFRESH = "Refresh KPIs";
    /** The refresh procedure's statement, inside {@link #REFRESH}. */
    public static final String REFRESH_STATEMENT = "Call refresh procedure";
    public static final String REFRESH_STATEMENT_FAILED = "Refresh statement failed";
    public static final String PUBLISH = "Publish KPIs";
    public static final String RECORD_SUCCESS = "Record success";
    public static final String SUCCEEDED = "KPIs refreshed";
    public static final String RECORD_FAILURE = "Record failure";
    public static final String FAILED = "KPI refresh failed";
    static final String BATCH_ID = "$.batchId";
    static final String DATES = "$.dates";
    static final String OBJECT_ID = "$.objectId";
    static final String ERROR = "$.error";
    /** Errors of the service integrations worth more patience than a plain task failure (throttling, limits). */
    static final List<String> REDSHIFT_DATA_TRANSIENT = List.of("RedshiftData.ActiveStatementsExceededException",
            "RedshiftData.ActiveSessionsExceededException", "RedshiftData.ThrottlingException");
    static final List<String> DYNAMODB_TRANSIENT = List.of("DynamoDB.ProvisionedThroughputExceededException",
            "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded");
    static final List<String> LAMBDA_TRANSIENT = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

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

        Fail failed = Fail.Builder.create(this, FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        DynamoUpdateItem recordFailure = recordOutcome(RECORD_FAILURE, props, LedgerStatus.FAILED,
                Map.of("#error", LedgerSchema.ERROR),
                Map.of(":error", DynamoAttributeValue.fromString(
                        JsonPath.format("{}: {}", JsonPath.stringAt(ERROR + ".Error"), JsonPath.stringAt(ERROR + ".Cause")))));
        retries(DYNAMODB_TRANSIENT).forEach(recordFailure::addRetry);
        // Failing to record the failure must not hide it: the catch keeps $.error for the Fail state.
        recordFailure.addCatch(failed, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.recordError").build());
        recordFailure.next(failed);

        DynamoUpdateItem recordSuccess = recordOutcome(RECORD_SUCCESS, props, LedgerStatus.SUCCEEDED,
                Map.of("#dates", LedgerSchema.DATE_COUNT),
                Map.of(":dates", DynamoAttributeValue.numberFromString(
                        JsonPath.format("{}", JsonPath.stringAt("States.ArrayLength(" + DATES + ")")))));
        guard(recordSuccess, DYNAMODB_TRANSIENT, recordFailure);
        recordSuccess.next(new Succeed(this, SUCCEEDED));

        Parallel publish = Parallel.Builder.create(this, PUBLISH)
                .comment("One branch per KPI table: select its refreshed rows, then publish them")
                .resultPath("$.published")
                .build();
        for (String table : KpiSql.TABLES) {
            publish.branch(publishBranch(table, props, statementRole));
        }
        publish.addRetry(RetryProps.builder().errors(List.of(StatementLoop.STATEMENT_FAILED, StatementLoop.STATEMENT_ABORTED))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(2).jitterStrategy(JitterType.FULL).build());
        publish.addCatch(recordFailure, catchAll());
        publish.next(recordSuccess);

        // The refresh statement and its polling loop run inside a one-branch Parallel, so that a statement that
        // ends FAILED (a Fail state in the branch) is retried as a whole, with backoff, before the failure is recorded.
        Fail statementFailed = Fail.Builder.create(this, REFRESH_STATEMENT_FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        StatementLoop statement = new StatementLoop(this, REFRESH_STATEMENT, KpiSql.REFRESH, "$.statement", props.warehouse(),
                statementRole, props.pollInterval(), new Succeed(this, REFRESH_STATEMENT + " finished"), statementFailed);
        statement.tasks().forEach(task -> guard(task, REDSHIFT_DATA_TRANSIENT, statementFailed));
        Parallel refresh = Parallel.Builder.create(this, REFRESH)
                .comment("The refresh procedure, retried as a whole when its statement fails")
                .resultPath("$.refresh")
                .build();
        refresh.branch(Chain.start(statement.start()));
        refresh.addRetry(RetryProps.builder().errors(List.of(StatementLoop.STATEMENT_FAILED, StatementLoop.STATEMENT_ABORTED))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(2).jitterStrategy(JitterType.FULL).build());
        refresh.addCatch(recordFailure, catchAll());
        refresh.next(publish);

        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName(VendedLogGroups.stateMachine(this, "kpi-refresh"))
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .comment("kpi-refresh: recompute the KPIs of the dates a load touched, publish them, record the outcome")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(refresh))
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
        Suppressions.stateMachineRole(stateMachine.getRole());
    }

    private Chain publishBranch(String table, KpiStateMachineProps props, Role statementRole) {
        Fail branchFailed = Fail.Builder.create(this, publishState(table) + " failed")
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        LambdaInvoke invoke = LambdaInvoke.Builder.create(this, publishState(table))
                .lambdaFunction(props.publish().alias())
                .payload(TaskInput.fromObject(sorted(Map.of(
                        "refreshId", JsonPath.stringAt(BATCH_ID),
                        "table", table,
                        "statementId", JsonPath.stringAt("$.statement.Id")))))
                .retryOnServiceExceptions(false) // retried by guard, with jitter
                .resultSelector(sorted(Map.of(
                        "table", JsonPath.stringAt("$.Payload.table"),
                        "items", JsonPath.numberAt("$.Payload.items"))))
                .build();
        guard(invoke, LAMBDA_TRANSIENT, branchFailed);
        StatementLoop select = new StatementLoop(this, selectState(table), KpiSql.select(table), "$.statement",
                props.warehouse(), statementRole, props.pollInterval(), invoke, branchFailed);
        select.tasks().forEach(task -> guard(task, REDSHIFT_DATA_TRANSIENT, branchFailed));
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
                ":refresh", DynamoAttributeValue.fromString(JsonPath.stringAt(BATCH_ID))));
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
     * The service's transient errors patiently, then any other task failure a few times, both with exponential
     * backoff and full jitter.
     */
    private static List<RetryProps> retries(List<String> transientErrors) {
        return List.of(
                RetryProps.builder().errors(transientErrors)
                        .interval(Duration.seconds(2)).backoffRate(2).maxAttempts(6).jitterStrategy(JitterType.FULL).build(),
                RetryProps.builder().errors(List.of(Errors.TASKS_FAILED))
                        .interval(Duration.seconds(2)).backoffRate(2).maxAttempts(3).jitterStrategy(JitterType.FULL).build());
    }

    private static CatchProps catchAll() {
        return CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(ERROR).build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
