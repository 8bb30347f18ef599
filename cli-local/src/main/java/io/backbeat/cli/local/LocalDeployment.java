package io.backbeat.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.kpi.DynamoDbLoadsInFlight;
import io.backbeat.functions.kpi.PublishHandler;
import io.backbeat.functions.kpi.RefreshMonitor;
import io.backbeat.functions.load.LoadConfig;
import io.backbeat.functions.load.LoadHandler;
import io.backbeat.functions.setup.SetupConfig;
import io.backbeat.functions.setup.SetupHandler;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformHandler;
import io.backbeat.functions.validate.ValidateConfig;
import io.backbeat.functions.validate.ValidateHandler;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.cloud.LocalSqs;
import io.backbeat.localcloud.events.CreatedObject;
import io.backbeat.localcloud.redshift.LocalRedshift;
import io.backbeat.localcloud.stepfunctions.Bindings;
import io.backbeat.localcloud.stepfunctions.LocalStateMachine;
import io.backbeat.localcloud.wiring.LocalValues;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stack, deployed onto the local cloud as its synthesized template says: a bucket whose
 * notifications (the template's, prefix and suffix filters included) invoke the functions in-process;
 * the template's DynamoDB tables; the functions built from their handler classes with the environment
 * the template gives them; the kpi-refresh state machine's own definition run by aws-local-stepfunctions,
 * its Redshift tasks on the local Redshift, its DynamoDB tasks on DynamoDB Local and its Lambda tasks
 * on the in-process functions. The one local Redshift stands in for the stack's workgroup and database.
 *
 * <pre>{@code
 * try (LocalDeployment local = LocalDeployment.start(SynthesizedTemplate.read(template), workDirectory)) {
 *     local.upload("raw/streams/day.csv", file);
 *     local.settle(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class LocalDeployment implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String VALIDATE = ValidateHandler.class.getName();
    private static final String TRANSFORM = TransformHandler.class.getName();
    private static final String LOAD = LoadHandler.class.getName();
    private static final String PUBLISH = PublishHandler.class.getName();
    private static final String SETUP = SetupHandler.class.getName();

    private final LocalCloud cloud;
    private final LocalRedshift redshift;
    private final SynthesizedTemplate template;
    private final String bucket;
    private final Map<String, String> tables = new HashMap<>();
    private final LocalValues localValues;
    private final Activity activity = new Activity();
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final StatementRunner warehouse;
    private final EventDelivery delivery;
    private final LocalSqs sqs;
    private final String deadLetterQueueUrl;
    private final LocalStateMachine stateMachine;
    private final LocalKpiRefresh refresh;
    private final Map<String, EventDelivery.ObjectCreatedHandler> handlers = new LinkedHashMap<>();
    private final List<RedshiftDataClient> roleClients = new java.util.ArrayList<>();

    private LocalDeployment(LocalCloud cloud, LocalRedshift redshift, LocalSqs sqs, SynthesizedTemplate template, Path work,
            Bindings.TaskListener taskListener) {
        this.cloud = cloud;
        this.redshift = redshift;
        this.template = template;
        this.bucket = cloud.createBucket("landing");
        this.dynamoDb = cloud.dynamoDbClient();
        template.tables().values().forEach(table -> tables.put(table.logicalId(), createTable(table)));
        this.localValues = new LocalValues(template, "us-east-1", ACCOUNT, tables, bucket, redshift.workgroup());
        this.sqs = sqs;
        this.deadLetterQueueUrl = sqs.createQueue("dead-letters");
        this.delivery = new EventDelivery(template.routes(), this::handler, 2, Duration.ofMillis(200), activity,
                (function, event, error, attempts) -> sqs.client().sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                        .messageBody(OnFailureRecord.of("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + function,
                                event, error, attempts))));
        cloud.onObjectCreated(this::created);
        this.s3 = cloud.s3Client();
        this.warehouse = new RedshiftDataStatementRunner(redshift.client(), warehouseTarget());
        // What the stack's trigger does on deploy: migrations, the functions' database users and their grants, as
        // the admin. From here on load and publish run as the users of their roles, with those grants only.
        new SetupHandler(SetupConfig.from(environmentOf(SETUP)), redshift.client()).handleRequest(Map.of(), null);
        PublishHandler publish = new PublishHandler(dynamoDb, warehouseOf(PUBLISH),
                environmentOf(PUBLISH).get(EnvironmentVariables.SERVING_TABLE));
        // A holder's successor (states:startExecution) starts here like any other execution. The state machine's
        // Redshift tasks run with Credentials.RoleArn (the publish role), signed with that role's local credentials.
        java.util.concurrent.atomic.AtomicReference<LocalKpiRefresh> starter = new java.util.concurrent.atomic.AtomicReference<>();
        Bindings.Builder bindings = Bindings.builder().localCloud(cloud).localRedshift(redshift).taskListener(taskListener)
                .executionStarter((stateMachineArn, name, input) -> starter.get().startExecution(name, input))
                .accessKeyForRole(role -> LocalRedshift.credentialsFor(role).resolveCredentials().accessKeyId());
        for (String name : functionNames(PUBLISH)) {
            bindings.function(name, payload -> JSON.writeValueAsString(publish.handleRequest(
                    JSON.readValue(payload, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class)), null)));
        }
        this.stateMachine = LocalStateMachine.start(bindings.build());
        // The RefreshMonitor function, which the stack's EventBridge rule invokes for executions that did not succeed.
        RefreshMonitor monitor = new RefreshMonitor(dynamoDb, ledgerTable(), (name, input) -> starter.get().startExecution(name, input),
                Clock.systemUTC());
        this.refresh = new LocalKpiRefresh(stateMachine, definition(), activity, Duration.ofMinutes(30), monitor);
        starter.set(refresh);
        Map<String, String> transform = new HashMap<>(environmentOf(TRANSFORM));
        transform.put(EnvironmentVariables.SPILL_DIRECTORY, directory(work.resolve("spill")).toString());
        Clock clock = Clock.systemUTC();
        ValidateHandler validate = new ValidateHandler(ValidateConfig.from(environmentOf(VALIDATE)), s3, dynamoDb, clock);
        TransformHandler transformHandler = new TransformHandler(
                TransformConfig.from(transform, Runtime.getRuntime().maxMemory() / 2), s3, dynamoDb, clock);
        LoadConfig loadConfig = LoadConfig.from(environmentOf(LOAD));
        LoadHandler load = new LoadHandler(loadConfig, s3, dynamoDb, warehouseOf(LOAD), clock, refresh,
                new DynamoDbLoadsInFlight(dynamoDb, loadConfig.ledgerTable(), clock, LoadHandler.DEFAULT_LEASE));
        handlers.put(template.functionRunning(VALIDATE).logicalId(), event -> validate.handleRequest(event, null));
        handlers.put(template.functionRunning(TRANSFORM).logicalId(), event -> transformHandler.handleRequest(event, null));
        handlers.put(template.functionRunning(LOAD).logicalId(), event -> load.handleRequest(event, null));
    }

    /** Starts the local cloud, the local Redshift and the state machine runner, and wires them as {@code template} says. */
    public static LocalDeployment start(SynthesizedTemplate template, Path work) {
        return start(template, work, state -> {});
    }

    /** {@link #start(SynthesizedTemplate, Path)}, telling {@code taskListener} of each Task state the state machine enters. */
    public static LocalDeployment start(SynthesizedTemplate template, Path work, Bindings.TaskListener taskListener) {
        // Side by side, each on a thread of its own: most of their start-up is class loading, process start and
        // waiting for a port, which overlap well even on two cores. PostgreSQL needs the local S3 only at its first COPY.
        ExecutorService starting = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "local-deployment-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<LocalCloud> cloud = CompletableFuture.supplyAsync(LocalCloud::start, starting);
            CompletableFuture<LocalRedshift> redshift = CompletableFuture.supplyAsync(
                    () -> LocalRedshift.start(() -> cloud.join().s3Client()), starting);
            CompletableFuture<LocalSqs> sqs = CompletableFuture.supplyAsync(LocalSqs::start, starting);
            CompletableFuture<Void> runner = CompletableFuture.runAsync(LocalStateMachine::prepare, starting);
            try {
                CompletableFuture.allOf(cloud, redshift, sqs, runner).join();
                return new LocalDeployment(cloud.join(), redshift.join(), sqs.join(), template, work, taskListener);
            } catch (RuntimeException e) {
                RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
                for (CompletableFuture<? extends AutoCloseable> part : List.of(redshift, sqs, cloud)) {
                    if (part.isDone() && !part.isCompletedExceptionally()) {
                        try {
                            part.join().close();
                        } catch (Exception closing) {
                            failure.addSuppressed(closing);
                        }
                    }
                }
                throw failure;
            }
        } finally {
            starting.shutdown();
        }
    }

    /** The stack's local resources and endpoints, for the operator commands' {@code --local}. */
    public io.backbeat.cli.operate.LocalStackDescription describe(long pid) {
        return new io.backbeat.cli.operate.LocalStackDescription(cloud.s3Endpoint(), cloud.dynamoDbEndpoint(), sqs.endpoint(),
                bucket, ledgerTable(), servingTable(), deadLetterQueueUrl, pid);
    }

    /** Uploads a file as a user would; the notifications take it from there. */
    public void upload(String key, Path file) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    /**
     * Waits until no event is being delivered and no state machine execution is running.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean settle(Duration timeout) throws InterruptedException {
        return activity.awaitIdle(timeout);
    }

    public String bucket() {
        return bucket;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public LocalRedshift redshift() {
        return redshift;
    }

    public StatementRunner warehouse() {
        return warehouse;
    }

    /** The local name of a table of the template, by the name its function's environment variable gives. */
    public String ledgerTable() {
        return environmentOf(VALIDATE).get(EnvironmentVariables.LEDGER_TABLE);
    }

    public String servingTable() {
        return environmentOf(PUBLISH).get(EnvironmentVariables.SERVING_TABLE);
    }

    /** kpi-refresh executions running now. */
    int refreshesRunning() {
        return refresh.running();
    }

    /** Starts kpi-refresh executions as load does. */
    LocalKpiRefresh kpiRefresh() {
        return refresh;
    }

    List<LocalKpiRefresh.Execution> executions() {
        return refresh.executions();
    }

    List<EventDelivery.DeadLetter> deadLetters() {
        return delivery.deadLetters();
    }

    private void created(CreatedObject object) {
        if (object.bucket().equals(bucket)) {
            delivery.objectCreated(object);
        }
    }

    private EventDelivery.ObjectCreatedHandler handler(String functionLogicalId) {
        EventDelivery.ObjectCreatedHandler handler = handlers.get(functionLogicalId);
        if (handler == null) {
            throw new IllegalStateException("a notification targets " + functionLogicalId + ", which runs no Backbeat handler");
        }
        return handler;
    }

    /** The environment the template gives the function running {@code handlerClass}, tokens resolved to local values. */
    Map<String, String> environmentOf(String handlerClass) {
        Map<String, String> environment = new LinkedHashMap<>();
        template.functionRunning(handlerClass).environment().forEach((name, value) ->
                environment.put(name, SynthesizedTemplate.resolve(value, localValues)));
        // The one local Redshift stands in for the stack's workgroup and database.
        if (environment.containsKey(EnvironmentVariables.WAREHOUSE_DATABASE)) {
            environment.put(EnvironmentVariables.WAREHOUSE_DATABASE, redshift.database());
            environment.put(EnvironmentVariables.WAREHOUSE_WORKGROUP, redshift.workgroup());
            environment.remove(EnvironmentVariables.WAREHOUSE_CLUSTER);
        }
        return environment;
    }

    /**
     * The warehouse as the function running {@code handlerClass} reaches it: as the database user of its execution
     * role ({@code IAMR:<role name>}, the role's logical id standing in for its name).
     */
    private StatementRunner warehouseOf(String handlerClass) {
        String role = template.roleOf(template.functionRunning(handlerClass).logicalId());
        RedshiftDataClient client = redshift.clientAs(role);
        roleClients.add(client);
        return new RedshiftDataStatementRunner(client, warehouseTarget());
    }

    private io.backbeat.functions.warehouse.WarehouseTarget warehouseTarget() {
        return io.backbeat.functions.warehouse.WarehouseTarget.serverless(redshift.database(), redshift.workgroup());
    }

    /** The definition as synthesized, tokens resolved and its Redshift tasks pointed at the local workgroup and database. */
    String definition() {
        try {
            JsonNode definition = JSON.readTree(template.stateMachineDefinition(localValues));
            pointAtLocalRedshift(definition);
            return JSON.writeValueAsString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException("the synthesized state machine definition is not JSON", e);
        }
    }

    private void pointAtLocalRedshift(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("WorkgroupName")) {
                object.put("WorkgroupName", redshift.workgroup());
            }
            if (object.has("Database")) {
                object.put("Database", redshift.database());
            }
        }
        node.forEach(this::pointAtLocalRedshift);
    }

    /** The name a function is called by in the resolved definition: its logical id (aliases and versions resolve to it). */
    private List<String> functionNames(String handlerClass) {
        return List.of(template.functionRunning(handlerClass).logicalId());
    }

    private String createTable(SynthesizedTemplate.TableSpec table) {
        return cloud.createTable(table.logicalId().replaceAll("[^A-Za-z0-9_.-]", ""), table.partitionKey(), table.sortKey());
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + path, e);
        }
    }

    @Override
    public void close() {
        refresh.close();
        delivery.close();
        sqs.close();
        stateMachine.close();
        roleClients.forEach(RedshiftDataClient::close);
        redshift.close();
        cloud.close();
    }
}
