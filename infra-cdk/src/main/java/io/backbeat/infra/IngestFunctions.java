package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.CpuBoundJvm;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.events.Zone;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The four Lambda functions, all from the one jar Maven builds: validate, transform, load (on S3 events) and
 * publish (a task of the KPI state machine). Each has its own role with only the grants it needs, its own log
 * group (JSON format), X-Ray tracing, and an alias {@value #ALIAS} on its published version, which is what S3 and
 * Step Functions invoke: SnapStart only applies to published versions. Failed S3-triggered invocations (after
 * {@link IngestFunctionsProps.Tuning#retryAttempts()} retries) go to an encrypted dead-letter queue; publish is
 * invoked synchronously by the state machine, which retries and records failures itself.
 *
 * <p>Environment variables are set from {@link EnvironmentVariables} only, the names each handler's
 * {@code Config.fromEnvironment()} reads, and the JVM's {@code JAVA_TOOL_OPTIONS} for the CPU-bound ones.
 */
public final class IngestFunctions extends Construct {
    /** The alias every trigger invokes. */
    public static final String ALIAS = "live";
    /** Java 25: the newest Lambda Java runtime here; the jar is compiled for Java 21 and runs unchanged on it. */
    static final Runtime RUNTIME = Runtime.JAVA_25;
    static final String VALIDATE_HANDLER = "io.backbeat.functions.validate.ValidateHandler::handleRequest";
    static final String TRANSFORM_HANDLER = "io.backbeat.functions.transform.TransformHandler::handleRequest";
    static final String LOAD_HANDLER = "io.backbeat.functions.load.LoadHandler::handleRequest";
    static final String PUBLISH_HANDLER = "io.backbeat.functions.kpi.PublishHandler::handleRequest";
    /** Where transform spills its duplicate index: Lambda's ephemeral storage. */
    static final String SPILL_DIRECTORY = "/tmp";
    /** Read by the JVM itself, not by our configuration. */
    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    /** The key pattern of the COPY manifests load writes: {@code staged/_manifests/<load id>.manifest}. */
    static final String MANIFESTS = "staged/_manifests/*";
    /** The functions by name, as {@link IngestFunctionsProps.Tuning#reservedConcurrency()} keys them. */
    static final String VALIDATE = "validate";
    static final String TRANSFORM = "transform";
    static final String LOAD = "load";
    static final String PUBLISH = "publish";
    static final List<String> NAMES = List.of(VALIDATE, TRANSFORM, LOAD, PUBLISH);

    private final Queue deadLetters;
    private final DeployedFunction validate;
    private final DeployedFunction transform;
    private final DeployedFunction load;
    private final DeployedFunction publish;

    public IngestFunctions(Construct scope, String id, IngestFunctionsProps props) {
        super(scope, id);
        IngestFunctionsProps.Tuning tuning = props.tuning();
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Code code = props.jar().code();
        IBucket bucket = props.bucket().bucket();
        String ledger = props.tables().ledger().getTableName();
        String serving = props.tables().serving().getTableName();
        Warehouse warehouse = props.warehouse();

        ITable ledgerTable = props.tables().ledger();
        ITable servingTable = props.tables().serving();

        validate = create("Validate", "Checks uploads under raw/ against their dataset contract", VALIDATE_HANDLER,
                tuning.validate(), tuning.reservedConcurrency(VALIDATE), true, code, tuning,
                Map.of(EnvironmentVariables.LEDGER_TABLE, ledger, JAVA_TOOL_OPTIONS, CpuBoundJvm.toolOptions()));
        LandingBucket.grantReadObjects(bucket, validate.role(), LandingBucket.prefix(Zone.RAW));
        LandingBucket.grantWriteObjects(bucket, validate.role(), LandingBucket.objectsIn(Zone.VALIDATED));
        LandingBucket.grantWriteObjects(bucket, validate.role(), LandingBucket.objectsIn(Zone.QUARANTINE));
        grantLedger(ledgerTable, validate.role());

        transform = create("Transform", "Normalizes and de-duplicates validated files into staged/", TRANSFORM_HANDLER,
                tuning.transform(), tuning.reservedConcurrency(TRANSFORM), true, code, tuning, Map.of(
                        EnvironmentVariables.LEDGER_TABLE, ledger,
                        EnvironmentVariables.SPILL_DIRECTORY, SPILL_DIRECTORY,
                        JAVA_TOOL_OPTIONS, CpuBoundJvm.toolOptions()));
        LandingBucket.grantReadObjects(bucket, transform.role(), LandingBucket.prefix(Zone.VALIDATED));
        LandingBucket.grantWriteObjects(bucket, transform.role(), LandingBucket.objectsIn(Zone.STAGED));
        LandingBucket.grantWriteObjects(bucket, transform.role(), LandingBucket.objectsIn(Zone.QUARANTINE));
        grantLedger(ledgerTable, transform.role());

        // Load starts kpi-refresh and never touches the serving table: neither its name nor a grant on it.
        load = create("Load", "COPYs staged files into Redshift and starts the KPI refresh", LOAD_HANDLER,
                tuning.load(), tuning.reservedConcurrency(LOAD), true, code, tuning, Map.of(
                        EnvironmentVariables.LEDGER_TABLE, ledger,
                        EnvironmentVariables.WAREHOUSE_DATABASE, warehouse.databaseName(),
                        EnvironmentVariables.WAREHOUSE_WORKGROUP, warehouse.workgroupName(),
                        EnvironmentVariables.COPY_ROLE_ARN, warehouse.copyRole().getRoleArn()));
        // Redshift reads the staged object itself; load only HEADs it (the list right lets a missing key answer 404).
        LandingBucket.grantReadObjects(bucket, load.role(), LandingBucket.prefix(Zone.STAGED));
        LandingBucket.grantWriteObjects(bucket, load.role(), MANIFESTS);
        grantLedger(ledgerTable, load.role());
        warehouse.grantStatements(load.role());

        publish = create("Publish", "Copies one KPI table's refreshed rows to the serving table", PUBLISH_HANDLER,
                tuning.publish(), tuning.reservedConcurrency(PUBLISH), false, code, tuning, Map.of(
                        EnvironmentVariables.SERVING_TABLE, serving,
                        EnvironmentVariables.WAREHOUSE_DATABASE, warehouse.databaseName(),
                        EnvironmentVariables.WAREHOUSE_WORKGROUP, warehouse.workgroupName()));
        // KpiPublisher queries a partition's items and replaces them with BatchWriteItem (puts and deletes).
        servingTable.grant(publish.role(), "dynamodb:Query", "dynamodb:BatchWriteItem");
        warehouse.grantStatements(publish.role());

        Suppressions.bucketZones(validate.role(), bucket, List.of(LandingBucket.objectsIn(Zone.RAW),
                LandingBucket.objectsIn(Zone.VALIDATED), LandingBucket.objectsIn(Zone.QUARANTINE)));
        Suppressions.bucketZones(transform.role(), bucket, List.of(LandingBucket.objectsIn(Zone.VALIDATED),
                LandingBucket.objectsIn(Zone.STAGED), LandingBucket.objectsIn(Zone.QUARANTINE)));
        Suppressions.bucketZones(load.role(), bucket, List.of(LandingBucket.objectsIn(Zone.STAGED), MANIFESTS));
        Suppressions.functionRole(validate.role(), false);
        Suppressions.functionRole(transform.role(), false);
        Suppressions.functionRole(load.role(), true);
        Suppressions.functionRole(publish.role(), true);
        Suppressions.deadLetterQueue(deadLetters);
    }

    /**
     * What {@code DynamoDbLedger} calls: {@code GetItem} and conditional {@code UpdateItem} on the ledger, nothing
     * else (no Scan, Query, PutItem or DeleteItem, which {@code grantReadWriteData} would add).
     */
    private static void grantLedger(ITable ledger, IGrantable role) {
        ledger.grant(role, "dynamodb:GetItem", "dynamodb:UpdateItem");
    }

    private DeployedFunction create(String id, String description, String handler, FunctionSizing sizing,
            Integer reservedConcurrency, boolean triggeredByS3, Code code, IngestFunctionsProps.Tuning tuning,
            Map<String, String> environment) {
        LogGroup logGroup = LogGroup.Builder.create(this, id + "Logs")
                .retention(tuning.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // An explicit role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of the " + id.toLowerCase(Locale.ROOT) + " function")
                .build();
        logGroup.grantWrite(role);
        Function function = Function.Builder.create(this, id)
                .description(description)
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(sizing.memoryMb())
                .timeout(sizing.timeout())
                .ephemeralStorageSize(sizing.ephemeralStorage())
                .snapStart(sizing.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .reservedConcurrentExecutions(reservedConcurrency)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .environment(sorted(environment))
                .build();
        if (sizing.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Triggers invoke the " + ALIAS + " alias of the published version");
        }
        Alias.Builder alias = Alias.Builder.create(this, id + "Alias").aliasName(ALIAS).version(function.getCurrentVersion());
        if (triggeredByS3) {
            // Asynchronous invocation settings belong to the qualifier S3 invokes: the alias.
            alias.retryAttempts(tuning.retryAttempts()).onFailure(new SqsDestination(deadLetters));
        }
        return new DeployedFunction(function, alias.build(), role, logGroup);
    }

    /** Gives load the state machine to start (named by refresh id) and the right to start it, and nothing else. */
    public void startsKpiRefresh(IStateMachine stateMachine) {
        load.function().addEnvironment(EnvironmentVariables.STATE_MACHINE_ARN, stateMachine.getStateMachineArn());
        stateMachine.grantStartExecution(load.role());
    }

    public DeployedFunction validate() {
        return validate;
    }

    public DeployedFunction transform() {
        return transform;
    }

    public DeployedFunction load() {
        return load;
    }

    public DeployedFunction publish() {
        return publish;
    }

    public List<DeployedFunction> all() {
        return List.of(validate, transform, load, publish);
    }

    /** The functions S3 invokes asynchronously, with retries and the dead-letter queue: validate, transform, load. */
    public List<DeployedFunction> asynchronous() {
        return List.of(validate, transform, load);
    }

    /** Where failed S3-triggered invocations end up after their retries. */
    public Queue deadLetters() {
        return deadLetters;
    }
}
