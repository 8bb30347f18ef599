package io.backbeat.infra;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.backbeat.events.Dataset;
import io.backbeat.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.PrincipalWithConditions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.ItemBatcher;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The catalogue extraction as the stack runs it: the {@code catalog-extract} state machine (STANDARD), started daily
 * by an EventBridge Scheduler schedule or by hand, reads the artist list from the landing bucket and hands it, in
 * batches, to the {@code extract} function, which calls the Web API with the credentials of a Secrets Manager secret
 * and writes {@code raw/catalog/<run id>/….ndjson.gz}, where the bucket notifications take the files through validate,
 * transform and load like any upload.
 *
 * <pre>
 * Extract artists       Distributed Map over the artist list (ItemReader: the CSV object, header given as
 *                       artist_id), {@code artistsPerBatch} artists a child execution (ItemBatcher, BatchInput
 *                       {runId: the execution name}), one child at a time, results written to catalog-runs/
 *   Extract batch       invokes the extract function with {"Items": [{"artist_id": …}…], "BatchInput": {"runId": …}}
 *   Batch failed        Fail with the error and cause of the invocation
 * Catalogue extracted   Succeed: the output names the Map Run's result manifest
 * Catalogue extraction failed   Fail with the cause: the list could not be read, or too many batches failed
 * </pre>
 *
 * <p>Why one batch at a time: the Web API limits an app (its client id) as a whole, and a 429 asks the caller to
 * wait; concurrent invocations would each learn of the limit only through their own 429s, so the run would keep
 * hitting it. One worker at a time shares one rate-limit state, as the extractor requires. An execution started
 * while another runs (by hand, during the scheduled one) doubles the rate; the function's 429 handling copes, but
 * do not make a habit of it.
 *
 * <p>Why batches within Lambda's 15 minutes: the function runs at most {@link #FUNCTION_TIMEOUT}, the invocation task
 * waits {@link #TASK_TIMEOUT}, a little longer, so Step Functions never gives up on an invocation that is still
 * writing. Child executions are STANDARD: an EXPRESS child may run only five minutes.
 *
 * <p>Failures: a batch whose invocation failed (after the retries below) ends its child execution in {@code Batch
 * failed}, which the Map Run counts; up to {@link #TOLERATED_FAILURE_PERCENT} % of the artists may be in failed
 * batches before the Map Run, and the execution, fails
 * (https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html). Each failed batch is listed with
 * its error in the run's {@code FAILED_*.json} under {@value #RESULTS_PREFIX}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html) and counted by the metrics
 * the children emit under the labelled state machine ARN {@code <state machine ARN>/}{@value #MAP_LABEL}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html), which {@link Operations}
 * alarms on.
 *
 * <p>The secret: created by the stack with a generated placeholder ({@code {"client_id":"unset","client_secret":
 * <random>}}), so no value is in the code or the template; the operator puts the app's credentials with
 * {@code aws secretsmanager put-secret-value}. Encrypted with the account's AWS managed key {@code aws/secretsmanager};
 * retained when the stack is deleted (its value was set by hand and cannot be recreated by a deploy). The function
 * gets only the secret's ARN and may only {@code GetSecretValue} it.
 */
public final class CatalogExtraction extends Construct {

    static final String HANDLER = "io.backbeat.functions.extract.ExtractHandler::handleRequest";
    /** Where the function writes, and all it may write: {@code raw/catalog/<run id>/…}, uploads of the catalog dataset. */
    static final String OUTPUT_PREFIX = LandingBucket.rawPrefix(Dataset.CATALOG);
    /** Where the Map Runs' results go, outside every zone: no notification starts anything for them. */
    static final String RESULTS_PREFIX = "catalog-runs/";
    /** The CSV header the artist list is read with: one column, no header line in the file. */
    static final String ARTIST_ID = "artist_id";
    static final String MAP_LABEL = "ExtractBatches";
    static final int MAX_CONCURRENCY = 1;
    static final int TOLERATED_FAILURE_PERCENT = 25;
    static final int MEMORY_MB = 512;
    /** Close to, but under, Lambda's 15 minutes. */
    static final Duration FUNCTION_TIMEOUT = Duration.minutes(14);
    static final Duration TASK_TIMEOUT = Duration.seconds(870);
    /** An extraction that has not ended after 23 hours is stopped, before the next daily one starts. */
    static final Duration EXECUTION_TIMEOUT = Duration.hours(23);

    public static final String MAP = "Extract artists";
    public static final String EXTRACT_BATCH = "Extract batch";
    public static final String BATCH_FAILED = "Batch failed";
    public static final String SUCCEEDED = "Catalogue extracted";
    public static final String FAILED = "Catalogue extraction failed";
    static final String ERROR = "$.error";
    /**
     * Function errors retrying cannot help: Lambda reports a function that timed out or ran out of memory as
     * {@code Lambda.Unknown} (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html),
     * and another attempt would spend another 14 minutes of the API's rate limit on the same batch; credentials the
     * token endpoint refused (the handler's exception, named by its class) stay refused until the operator puts new ones.
     */
    static final List<String> NOT_RETRIED = List.of("Lambda.Unknown", "Sandbox.Timedout",
            "io.backbeat.functions.extract.AuthenticationException");
    static final String RESULT_WRITER_V2_FLAG = "@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2";
    /** The Map's own error when it cannot read the artist list (a missing object, say). */
    static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

    private final Secret secret;
    private final Function function;
    private final Role role;
    private final StateMachine stateMachine;
    private final Schedule schedule;
    private final Role scheduleRole;
    private final String artistListUri;

    /**
     * @param jar the functions jar
     * @param bucket the landing bucket: the artist list, the function's output, the Map Runs' results
     * @param settings the context's settings
     * @param logRetention how long the function's and the state machine's logs are kept
     */
    public record Props(FunctionsJar jar, IBucket bucket, CatalogSettings settings, RetentionDays logRetention) {
        public Props {
            Objects.requireNonNull(jar, "jar must not be null");
            Objects.requireNonNull(bucket, "bucket must not be null");
            Objects.requireNonNull(settings, "settings must not be null");
            Objects.requireNonNull(logRetention, "logRetention must not be null");
        }
    }

    public CatalogExtraction(Construct scope, String id, Props props) {
        super(scope, id);
        // Without this flag a Distributed Map renders the deprecated resultWriter and ignores resultWriterV2; set on
        // this construct, before its children exist, it applies to them only.
        getNode().setContext(RESULT_WRITER_V2_FLAG, true);
        IBucket bucket = props.bucket();
        CatalogSettings settings = props.settings();
        artistListUri = "s3://" + bucket.getBucketName() + "/" + settings.artistListKey();

        secret = Secret.Builder.create(this, "Credentials")
                .description("Backbeat catalogue extraction: the Web API app's credentials as JSON {\"client_id\": ...,"
                        + " \"client_secret\": ...}; set with aws secretsmanager put-secret-value")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{\"client_id\":\"unset\"}")
                        .generateStringKey("client_secret")
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        JarFunction jarFunction = JarFunction.create(this, props.jar(), props.logRetention(), new JarFunction.Spec(
                "Backbeat catalogue extraction: artists, albums and tracks of a batch of artist ids from the Web API,"
                        + " written to raw/catalog/",
                HANDLER, MEMORY_MB, FUNCTION_TIMEOUT, Map.of(
                        EnvironmentVariables.LANDING_BUCKET, bucket.getBucketName(),
                        EnvironmentVariables.CATALOG_SECRET_ARN, secret.getSecretArn(),
                        EnvironmentVariables.CATALOG_API_BASE_URL, settings.apiBaseUrl(),
                        EnvironmentVariables.CATALOG_TOKEN_URL, settings.tokenUrl())));
        function = jarFunction.function();
        role = jarFunction.role();
        LandingBucket.grantWriteObjects(bucket, role, OUTPUT_PREFIX + "*");
        // GetSecretValue only: grantRead would add DescribeSecret, which the function does not call. The AWS managed
        // key needs no grant (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resourceArns(List.of(secret.getSecretArn()))
                .build());

        stateMachine = stateMachine(bucket, settings, props.logRetention());

        // Scheduler assumes this role to start executions, and may start only this state machine's; the condition
        // keeps another account's schedules from using it
        // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
        scheduleRole = Role.Builder.create(this, "ScheduleRole")
                .assumedBy(new PrincipalWithConditions(new ServicePrincipal("scheduler.amazonaws.com"),
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .description("EventBridge Scheduler: starts the catalog-extract state machine")
                .build();
        schedule = Schedule.Builder.create(this, "Schedule")
                .description("Starts the catalog-extract state machine: " + settings.schedule() + " (UTC)")
                .schedule(ScheduleExpression.expression(settings.schedule()))
                .enabled(settings.scheduleEnabled())
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .role(scheduleRole)
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        // A start that fails is retried for an hour, not Scheduler's default 24: a day late it is
                        // tomorrow's run.
                        .retryAttempts(10)
                        .maxEventAge(Duration.hours(1))
                        .build()))
                .build();

        Suppressions.bucketZones(role, bucket, List.of(OUTPUT_PREFIX + "*"));
        Suppressions.functionRole(role, false);
        Suppressions.catalogStateMachine(stateMachine, function, bucket, RESULTS_PREFIX + "*", MAP_LABEL);
        Suppressions.catalogSecret(secret);
    }

    private StateMachine stateMachine(IBucket bucket, CatalogSettings settings, RetentionDays logRetention) {
        Fail batchFailed = Fail.Builder.create(this, BATCH_FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        LambdaInvoke extractBatch = LambdaInvoke.Builder.create(this, EXTRACT_BATCH)
                .lambdaFunction(function)
                .payload(TaskInput.fromJsonPathAt("$"))
                .retryOnServiceExceptions(false) // retried below, with jitter
                .taskTimeout(Timeout.duration(TASK_TIMEOUT))
                .resultSelector(Map.of("summary", JsonPath.objectAt("$.Payload")))
                .outputPath("$.summary")
                .build();
        extractBatch.addRetry(RetryProps.builder().errors(NOT_RETRIED).maxAttempts(0).build());
        extractBatch.addRetry(RetryProps.builder().errors(KpiStateMachine.LAMBDA_TRANSIENT)
                .interval(Duration.seconds(2)).backoffRate(2).maxAttempts(6).jitterStrategy(JitterType.FULL).build());
        // Anything else the function raised (a 5xx storm it gave up on, an S3 write that failed): once more, later.
        extractBatch.addRetry(RetryProps.builder().errors(List.of(Errors.TASKS_FAILED))
                .interval(Duration.seconds(30)).backoffRate(2).maxAttempts(1).jitterStrategy(JitterType.FULL).build());
        extractBatch.addCatch(batchFailed, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(ERROR).build());

        Fail failed = Fail.Builder.create(this, FAILED)
                .errorPath(ERROR + ".Error")
                .causePath(ERROR + ".Cause")
                .build();
        DistributedMap extractArtists = DistributedMap.Builder.create(this, MAP)
                .comment("The artist list in batches, one batch at a time: the Web API has one rate limit per app")
                .itemReader(DistributedMapS3.csvReader(bucket, settings.artistListKey(), List.of(ARTIST_ID)))
                // BatchInput takes paths as Parameters do, a key ending in .$ (CDK's integration test ran that on AWS:
                // https://github.com/aws/aws-cdk/pull/29152); the run id is the execution's name.
                .itemBatcher(ItemBatcher.Builder.create()
                        .maxItemsPerBatch(settings.artistsPerBatch())
                        .batchInput(JsonNodeFactory.instance.objectNode().put("runId.$", "$$.Execution.Name"))
                        .build())
                .maxConcurrency(MAX_CONCURRENCY)
                .toleratedFailurePercentage(TOLERATED_FAILURE_PERCENT)
                .label(MAP_LABEL)
                .mapExecutionType(StateMachineType.STANDARD)
                .resultWriterV2(DistributedMapS3.resultWriter(bucket, RESULTS_PREFIX))
                .build();
        extractArtists.itemProcessor(extractBatch);
        // A list that could not be read is read again; a run with too many failed batches is not re-run whole.
        extractArtists.addRetry(RetryProps.builder().errors(List.of(ITEM_READER_FAILED))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(2).jitterStrategy(JitterType.FULL).build());
        extractArtists.addCatch(failed, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(ERROR).build());
        extractArtists.next(new Succeed(this, SUCCEEDED));

        LogGroup logGroup = LogGroup.Builder.create(this, "StateMachineLogs")
                .logGroupName(VendedLogGroups.stateMachine(this, "catalog-extract"))
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        return StateMachine.Builder.create(this, "StateMachine")
                .comment("catalog-extract: the artist list in batches through the extract function, one batch at a time")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(extractArtists))
                .timeout(EXECUTION_TIMEOUT)
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
    }

    /** {@code s3://<bucket>/<key>} of the artist list. */
    public String artistListUri() {
        return artistListUri;
    }

    public Secret secret() {
        return secret;
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Role scheduleRole() {
        return scheduleRole;
    }
}
