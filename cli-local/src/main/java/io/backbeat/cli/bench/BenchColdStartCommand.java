package io.backbeat.cli.bench;

import io.backbeat.events.CpuBoundJvm;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.kpi.KpiRefresh;
import io.backbeat.functions.warehouse.MigrationRunner;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.functions.warehouse.WarehouseTarget;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.GeneratorOptions;
import io.backbeat.localcloud.cloud.LocalClients;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.localcloud.redshift.LocalRedshift;
import io.backbeat.warehouse.KpiSql;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/**
 * {@code backbeat bench coldstart}: for each handler, the wall time from starting a fresh JVM to the first event
 * handled, against the local cloud. Each run is a new {@code java} process with the Lambda jar (plus one driver class)
 * as its class path, the JIT flags Lambda's Java 21 runtime uses, and the environment the stack gives the function with
 * the SDK endpoints pointed at the local cloud; it builds the handler with its public no-argument constructor, as the
 * runtime does, and handles one real event. Each run gets a fresh object (validate's raw upload of a day of plays of
 * its own, then the validated and staged objects the previous children wrote), so no run takes the ledger's
 * already-done path; publish gets the KPI select of a refresh of the day load changed, as the state machine gives it;
 * the refresh monitor a failed execution's EventBridge event, the setup the stack's invocation, extract a batch of one
 * artist. Step Functions is a stub that accepts load's StartExecution; the Web API and Secrets Manager, for extract,
 * a {@link CatalogStandIn}. A run whose handler did not do its work on its event fails the benchmark rather than timing
 * a skip. Each run is timed under every {@link ColdStartVariant} asked for, side by side
 * (as deployed; with an AppCDS archive; with a JDK 25 AOT cache), each cache written by a training run of the same
 * handler first; with {@code --baseline-jar}, another jar as deployed too (before and after a change, under the same
 * load). The last line is one JSON object: the deployed variant's median seconds per handler as {@code <handler>_s}
 * and {@code slowest_s}, {@code runs}, {@code jvm_flags}, and under {@code variants} the same figures of every variant.
 */
@Command(
        name = "coldstart",
        mixinStandardHelpOptions = true,
        description = {"Times each handler's cold start (fresh JVM, Lambda jar, Lambda's JIT flags) to its first handled event"
                + " on the local cloud, as the median of --runs runs, as deployed and with a class cache (AppCDS, JDK 25 AOT)."},
        footer = {"", "Example:", "  backbeat bench coldstart --runs 5", "  backbeat bench coldstart --runs 1 --handlers validate,transform",
            "  backbeat bench coldstart --runs 3 --variants deployed,aot",
            "  backbeat bench coldstart --runs 5 --baseline-jar /tmp/lambda-before.jar"})
final class BenchColdStartCommand implements Callable<Integer> {
    /**
     * Lambda's Java runtimes stop tiered compilation at level 1 (C1 only) by default: Java 17 and 21 always, Java 25
     * unless SnapStart or provisioned concurrency is on (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
     * The serial collector is what the JVM picks by itself on one vCPU, as a 1,769 MB or smaller function has; it is
     * named so that a many-core machine times the same collector. The child runs on this JVM's {@code java}.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /**
     * Validate and transform are deployed with {@code JAVA_TOOL_OPTIONS} asking for full tiered compilation (the stack's
     * {@code IngestFunctions}: they are CPU-bound, BENCHMARKS.md "Ingest for the function as deployed"), so as deployed
     * they start with level 4, not Lambda's level 1.
     */
    static final List<String> TIERED_JVM_FLAGS = java.util.stream.Stream.concat(CpuBoundJvm.TOOL_OPTIONS.stream(),
            java.util.stream.Stream.of("-XX:+UseSerialGC")).toList();

    /** The JIT and collector flags a handler gets as deployed. */
    static List<String> jvmFlags(String handler) {
        return handler.equals("validate") || handler.equals("transform") ? TIERED_JVM_FLAGS : LAMBDA_JVM_FLAGS;
    }
    /**
     * Every handler the stack deploys: the four of the data path, then the refresh monitor (a failed refresh's
     * EventBridge event), the warehouse setup (invoked by the stack on every deploy) and extract (one batch of the
     * catalogue's Distributed Map, against a stand-in for the Web API and Secrets Manager).
     */
    static final List<String> HANDLERS = List.of("validate", "transform", "load", "publish", "monitor", "setup", "extract");
    /**
     * Not a handler: the floor of one (a JVM that builds an S3 client, parses an S3 event and makes one call, a HEAD of
     * validate's object), timed like the handlers; not counted in {@code slowest_s}.
     */
    static final String ANCHOR = "anchor";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final String COPY_ROLE = "arn:aws:iam::000000000000:role/backbeat-coldstart-copy";

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "runs per handler, median reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--handlers", paramLabel = "LIST", split = ",", defaultValue = "validate,transform,load,publish,monitor,setup,extract,anchor",
            description = "handlers to time, in pipeline order (default: ${DEFAULT-VALUE}); transform needs validate, load needs"
                    + " transform; anchor (the floor: S3 client, S3 event, one HEAD) needs validate; monitor (the refresh"
                    + " monitor), setup (the warehouse setup) and extract (a catalogue batch) need nothing before them")
    List<String> handlers;

    @Option(names = "--variants", paramLabel = "LIST", split = ",", defaultValue = "deployed,cds,aot",
            description = "JVM configurations to time side by side (default: ${DEFAULT-VALUE}): deployed (Lambda's flags),"
                    + " cds (plus a dynamic AppCDS archive), aot (plus a JDK 25 AOT cache); each cache comes from a training run"
                    + " of the same handler")
    List<String> variantNames;

    List<ColdStartVariant> variants;

    @Option(names = "--baseline-jar", paramLabel = "JAR", description = "another Lambda jar (the one before a change) to time"
            + " as deployed in the same runs, as the variant baseline: before and after under the same load")
    Path baselineJar;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000", description = "plays in the raw streams file (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--lambda-jar", paramLabel = "JAR", defaultValue = "functions/target/backbeat-functions-lambda.jar",
            description = "the Lambda jar (default: ${DEFAULT-VALUE}; build it with ./mvnw -pl functions -am package -DskipTests)")
    Path lambdaJar;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "out/bench-coldstart", description = "scratch directory (default: ${DEFAULT-VALUE})")
    Path work;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        PrintWriter out = spec.commandLine().getOut();
        Path driverJar = ColdStartChild.driverJar(work.resolve("driver"));
        String classPath = lambdaJar.toAbsolutePath() + java.io.File.pathSeparator + driverJar.toAbsolutePath();
        String baselineClassPath = baselineJar == null ? null
                : baselineJar.toAbsolutePath() + java.io.File.pathSeparator + driverJar.toAbsolutePath();
        Path caches = work.resolve("caches");
        deleteCaches(caches); // a cache of another jar or JVM build would be refused, or worse, half used
        Map<ColdStartVariant, Map<String, List<Double>>> seconds = new LinkedHashMap<>();
        for (ColdStartVariant variant : variants) {
            seconds.put(variant, new LinkedHashMap<>());
            handlers.forEach(h -> seconds.get(variant).put(h, new ArrayList<>()));
        }
        Map<ColdStartVariant, Double> trainingSeconds = new LinkedHashMap<>();
        try (LocalCloud cloud = LocalCloud.start(); LocalRedshift redshift = LocalRedshift.start(cloud.s3Client());
                StartExecutionStub sfn = StartExecutionStub.start(); CatalogStandIn catalog = CatalogStandIn.start()) {
            String bucket = cloud.createBucket("coldstart");
            String ledger = cloud.createLedgerTable("ledger");
            String serving = cloud.createServingTable("serving");
            WarehouseTarget target = WarehouseTarget.serverless(redshift.database(), redshift.workgroup());
            StatementRunner warehouse = new RedshiftDataStatementRunner(redshift.client(), target, Duration.ofMinutes(5),
                    Duration.ofMillis(50));
            new MigrationRunner(warehouse).ensureApplied(); // the stack's warehouse setup does this on deploy
            Map<String, String> environment = environment(cloud, redshift, sfn, ledger, serving);
            Path spill = Files.createDirectories(work.resolve("spill"));
            environment.put(EnvironmentVariables.SPILL_DIRECTORY, spill.toAbsolutePath().toString());
            Pipeline pipeline = new Pipeline(cloud, redshift, target, warehouse, bucket, environment,
                    handlerEnvironments(bucket, catalog), out);
            int day = 0;
            for (ColdStartVariant variant : variants) {
                if (variant.needsTraining()) {
                    // the training run handles real events, as the timed runs do, so the cache holds the classes they load
                    Files.createDirectories(variant.cache(caches, "x").getParent());
                    long started = System.nanoTime();
                    pipeline.run(++day, "train " + variant.id(), classPath, handler -> variant.trainingFlags(caches, handler));
                    trainingSeconds.put(variant, (System.nanoTime() - started) / 1e9);
                }
            }
            for (int run = 1; run <= runs; run++) {
                for (ColdStartVariant variant : variants) {
                    Map<String, ColdStartChild.Timing> timings = pipeline.run(++day, "run " + run + " " + variant.id(),
                            variant == ColdStartVariant.BASELINE ? baselineClassPath : classPath, handler -> variant.flags(caches, handler));
                    timings.forEach((handler, timing) -> seconds.get(variant).get(handler).add(timing.wallSeconds()));
                }
            }
        }
        out.println();
        out.printf("%-10s", "handler");
        variants.forEach(v -> out.printf(" %22s", v.id() + " median (min-max)"));
        out.println();
        for (String handler : handlers) {
            out.printf("%-10s", handler);
            for (ColdStartVariant variant : variants) {
                List<Double> sorted = seconds.get(variant).get(handler).stream().sorted().toList();
                out.printf(" %22s", String.format("%.3f (%.3f-%.3f)", median(sorted), sorted.get(0), sorted.get(sorted.size() - 1)));
            }
            out.println();
        }
        ColdStartVariant headline = variants.contains(ColdStartVariant.DEPLOYED) ? ColdStartVariant.DEPLOYED : variants.get(0);
        Map<String, Object> figures = new LinkedHashMap<>(medians(seconds.get(headline)));
        figures.put("variant", headline.id());
        figures.put("runs", runs);
        figures.put("jvm_flags", String.join(" ", LAMBDA_JVM_FLAGS));
        figures.put("jvm_flags_validate_transform", String.join(" ", TIERED_JVM_FLAGS));
        figures.put("java", Runtime.version().toString());
        figures.put("lambda_jar_bytes", Files.size(lambdaJar));
        if (baselineJar != null) {
            figures.put("baseline_jar_bytes", Files.size(baselineJar));
        }
        Map<String, Object> byVariant = new LinkedHashMap<>();
        for (ColdStartVariant variant : variants) {
            Map<String, Object> figuresOfVariant = new LinkedHashMap<>(medians(seconds.get(variant)));
            if (variant.needsTraining()) {
                figuresOfVariant.put("cache_bytes", cacheBytes(variant, caches));
                figuresOfVariant.put("training_s", round(trainingSeconds.get(variant)));
            }
            byVariant.put(variant.id(), figuresOfVariant);
        }
        figures.put("variants", byVariant);
        out.println(BenchWarehouseCommand.json(figures));
        return 0;
    }

    /** Each handler's median as {@code <handler>_s}, then {@code slowest_s} (of the handlers, not the anchor). */
    private static Map<String, Object> medians(Map<String, List<Double>> seconds) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double slowest = 0;
        for (Map.Entry<String, List<Double>> entry : seconds.entrySet()) {
            double median = median(entry.getValue().stream().sorted().toList());
            if (!entry.getKey().equals(ANCHOR)) {
                slowest = Math.max(slowest, median);
            }
            figures.put(entry.getKey() + "_s", round(median));
        }
        figures.put("slowest_s", round(slowest));
        return figures;
    }

    private long cacheBytes(ColdStartVariant variant, Path caches) throws java.io.IOException {
        long bytes = 0;
        for (String handler : handlers) {
            bytes = Math.max(bytes, Files.size(variant.cache(caches, handler))); // the largest handler's
        }
        return bytes;
    }

    private static void deleteCaches(Path caches) throws java.io.IOException {
        if (!Files.exists(caches)) {
            return;
        }
        try (var files = Files.walk(caches)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * The handlers in pipeline order on a day of plays of their own: validate its raw upload, transform and load what the
     * stage before wrote, publish a refresh of the day that load changed. A run whose handler did not process its
     * object fails the benchmark.
     */
    private final class Pipeline {
        private final LocalCloud cloud;
        private final LocalRedshift redshift;
        private final WarehouseTarget target;
        private final StatementRunner warehouse;
        private final String bucket;
        private final Map<String, String> environment;
        private final Map<String, Map<String, String>> handlerEnvironments;
        private final PrintWriter out;

        Pipeline(LocalCloud cloud, LocalRedshift redshift, WarehouseTarget target, StatementRunner warehouse, String bucket,
                Map<String, String> environment, Map<String, Map<String, String>> handlerEnvironments, PrintWriter out) {
            this.cloud = cloud;
            this.redshift = redshift;
            this.target = target;
            this.warehouse = warehouse;
            this.bucket = bucket;
            this.environment = environment;
            this.handlerEnvironments = handlerEnvironments;
            this.out = out;
        }

        Map<String, ColdStartChild.Timing> run(int day, String label, String classPath, java.util.function.Function<String, List<String>> flags)
                throws Exception {
            String raw = "raw/streams/coldstart/day-" + day + "-" + System.nanoTime() + ".csv";
            cloud.s3Client().putObject(r -> r.bucket(bucket).key(raw), RequestBody.fromFile(streams(day)));
            ZoneKey validated = ZoneKey.parse(raw).validated();
            Map<String, String> keys = Map.of("validate", raw, "transform", validated.key(), "load", validated.staged().key(), ANCHOR, raw);
            Map<String, ColdStartChild.Timing> timings = new LinkedHashMap<>();
            for (String handler : handlers) {
                Path event = work.resolve(handler + "-event.json");
                if (handler.equals("publish")) {
                    // as the state machine does before publish: refresh the dates this run's load changed, select them
                    String refreshId = "coldstart-" + day;
                    new KpiRefresh(warehouse).refresh(refreshId);
                    Files.writeString(event, "{\"refreshId\":\"" + refreshId + "\",\"table\":\"" + KpiSql.DAILY_ENGAGEMENT
                            + "\",\"statementId\":\"" + kpiSelect(redshift, target, refreshId) + "\"}");
                } else if (!keys.containsKey(handler)) {
                    Files.writeString(event, mapEvent(handler, day));
                } else {
                    String key = keys.get(handler);
                    HeadObjectResponse head = cloud.s3Client().headObject(b -> b.bucket(bucket).key(key));
                    Files.writeString(event, S3EventFixtures.objectCreatedJson(bucket, key, head.eTag(), head.contentLength()));
                }
                Map<String, String> functionEnvironment = new LinkedHashMap<>(environment);
                functionEnvironment.putAll(handlerEnvironments.getOrDefault(handler, Map.of()));
                functionEnvironment.put("AWS_LAMBDA_FUNCTION_NAME", "backbeat-coldstart-" + handler); // as Lambda sets it
                ColdStartChild.Timing timing = ColdStartChild.run(classPath, flags.apply(handler), handlerClass(handler),
                        keys.containsKey(handler) ? "s3" : "map", event, functionEnvironment, CHILD_TIMEOUT);
                if (!timing.result().contains(handled(handler))) {
                    throw new IllegalStateException(handler + " did not handle its event (" + event + "), so its time is not a"
                            + " cold start's; it returned " + timing.result());
                }
                timings.put(handler, timing);
                out.printf("%-16s %-9s %.3f s wall, %.3f s since JVM start: %s%n", label, handler, timing.wallSeconds(),
                        timing.jvmSeconds(), timing.result());
                out.flush();
            }
            return timings;
        }
    }

    private void checkArguments() {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, was " + runs);
        }
        for (String handler : handlers) {
            if (!HANDLERS.contains(handler) && !handler.equals(ANCHOR)) {
                throw new ParameterException(spec.commandLine(), "--handlers: '" + handler + "' is not one of " + HANDLERS
                        + " or " + ANCHOR);
            }
        }
        if ((handlers.contains("transform") || handlers.contains(ANCHOR)) && !handlers.contains("validate")
                || handlers.contains("load") && !handlers.contains("transform")) {
            throw new ParameterException(spec.commandLine(), "--handlers " + String.join(",", handlers)
                    + ": transform reads what validate wrote and load what transform wrote; add the stage before");
        }
        handlers = java.util.stream.Stream.concat(HANDLERS.stream(), java.util.stream.Stream.of(ANCHOR)).filter(handlers::contains).toList();
        try {
            variants = variantNames.stream().distinct().map(ColdStartVariant::of).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--variants: " + e.getMessage());
        }
        if (baselineJar != null && !variants.contains(ColdStartVariant.BASELINE)) {
            variants = java.util.stream.Stream.concat(java.util.stream.Stream.of(ColdStartVariant.BASELINE), variants.stream()).toList();
        }
        if (variants.contains(ColdStartVariant.BASELINE) && (baselineJar == null || !Files.isRegularFile(baselineJar))) {
            throw new ParameterException(spec.commandLine(), "the variant baseline times another Lambda jar: pass it with"
                    + " --baseline-jar (" + baselineJar + " is not a file)");
        }
        if (!Files.isRegularFile(lambdaJar)) {
            throw new ParameterException(spec.commandLine(), "--lambda-jar " + lambdaJar + " does not exist; build it with"
                    + " ./mvnw -B -pl functions -am package -DskipTests, or pass its path");
        }
    }

    /** A day of plays of its own per pipeline run, so that each run's load changes a date and its refresh gives publish rows. */
    private Path streams(int day) {
        Path data = work.resolve("data-" + rows + "-day-" + day);
        if (!Files.exists(data.resolve("streams.csv"))) {
            DatasetGenerator.generate(GeneratorOptions.builder().seed(42 + day).plays(rows).startDate(LocalDate.of(2024, 6, 1).plusDays(day))
                    .days(1).users(1000).songs(1000).build(), data);
        }
        return data.resolve("streams.csv");
    }

    /** What the stack gives each function, with every SDK client pointed at the local cloud by the SDK's own variables. */
    private static Map<String, String> environment(LocalCloud cloud, LocalRedshift redshift, StartExecutionStub sfn, String ledger,
            String serving) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalClients.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", LocalClients.CREDENTIALS.resolveCredentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", LocalClients.CREDENTIALS.resolveCredentials().secretAccessKey());
        env.put("AWS_ENDPOINT_URL_S3", cloud.s3Endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", cloud.dynamoDbEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA", redshift.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SFN", sfn.endpoint().toString());
        env.put(EnvironmentVariables.LEDGER_TABLE, ledger);
        env.put(EnvironmentVariables.SERVING_TABLE, serving);
        env.put(EnvironmentVariables.WAREHOUSE_DATABASE, redshift.database());
        env.put(EnvironmentVariables.WAREHOUSE_WORKGROUP, redshift.workgroup());
        env.put(EnvironmentVariables.COPY_ROLE_ARN, COPY_ROLE);
        env.put(EnvironmentVariables.STATE_MACHINE_ARN, "arn:aws:states:us-east-1:000000000000:stateMachine:coldstart");
        return env;
    }

    /** A finished KPI select, as the state machine runs before publish; publish reads its results by statement id. */
    private static String kpiSelect(LocalRedshift redshift, WarehouseTarget target, String refreshId) throws InterruptedException {
        String id = redshift.client().executeStatement(r -> r.database(target.database()).workgroupName(redshift.workgroup())
                .sql(KpiSql.select(KpiSql.DAILY_ENGAGEMENT))
                .parameters(SqlParameter.builder().name(KpiSql.REFRESH_ID).value(refreshId).build())).id();
        for (int i = 0; i < 600; i++) {
            StatusString status = redshift.client().describeStatement(r -> r.id(id)).status();
            if (status == StatusString.FINISHED) {
                return id;
            }
            if (status == StatusString.FAILED || status == StatusString.ABORTED) {
                throw new IllegalStateException("the KPI select for publish " + status + ": "
                        + redshift.client().describeStatement(r -> r.id(id)).error());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the KPI select for publish did not finish in 30 s: statement " + id);
    }

    /** What a handler's result holds when it did its whole work on the event it was given. */
    private static String handled(String handler) {
        return switch (handler) {
            case ANCHOR -> "contentLength=";
            case "publish" -> "items=";
            case "monitor" -> "recorded=true";
            case "setup" -> "warehouse ready";
            case "extract" -> "tracks=2";
            default -> "outcome=PROCESSED";
        };
    }

    /**
     * The event of a handler not triggered by S3: the EventBridge event of a kpi-refresh execution that failed outside
     * its Catch (the monitor records it), the stack's invocation of the setup (it reads nothing of it), and one batch of
     * the catalogue's Distributed Map of one artist (extract). Each run's names are its own, as a new day's would be.
     */
    private static String mapEvent(String handler, int day) {
        String name = "coldstart-" + day;
        return switch (handler) {
            case "monitor" -> "{\"version\":\"0\",\"detail-type\":\"Step Functions Execution Status Change\",\"source\":\"aws.states\","
                    + "\"detail\":{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:coldstart:" + name
                    + "\",\"stateMachineArn\":\"arn:aws:states:us-east-1:000000000000:stateMachine:coldstart\",\"name\":\"" + name
                    + "\",\"status\":\"TIMED_OUT\",\"input\":\"{\\\"refreshId\\\":\\\"" + name + "\\\"}\"}}";
            case "setup" -> "{}";
            case "extract" -> "{\"Items\":[{\"artist_id\":\"" + CatalogStandIn.ARTIST + "\"}],\"BatchInput\":{\"runId\":\"" + name + "\"}}";
            default -> throw new IllegalArgumentException("no event for " + handler);
        };
    }

    /** What the stack gives these handlers besides the common environment: the setup's admin secret and roles, extract's. */
    private static Map<String, Map<String, String>> handlerEnvironments(String bucket, CatalogStandIn catalog) {
        return Map.of(
                "setup", Map.of(EnvironmentVariables.WAREHOUSE_SECRET_ARN,
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:backbeat-coldstart-admin-AbCdEf",
                        EnvironmentVariables.LOAD_ROLE_NAME, "backbeat-coldstart-load",
                        EnvironmentVariables.REFRESH_ROLE_NAME, "backbeat-coldstart-refresh"),
                "extract", Map.of(EnvironmentVariables.LANDING_BUCKET, bucket,
                        EnvironmentVariables.CATALOG_SECRET_ARN, CatalogStandIn.SECRET_ARN,
                        EnvironmentVariables.CATALOG_API_BASE_URL, catalog.endpoint().toString(),
                        EnvironmentVariables.CATALOG_TOKEN_URL, catalog.endpoint() + "/api/token",
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", catalog.endpoint().toString()));
    }

    private static String handlerClass(String handler) {
        return switch (handler) {
            case ANCHOR -> ColdStartDriver.ANCHOR;
            case "validate" -> "io.backbeat.functions.validate.ValidateHandler";
            case "transform" -> "io.backbeat.functions.transform.TransformHandler";
            case "load" -> "io.backbeat.functions.load.LoadHandler";
            case "publish" -> "io.backbeat.functions.kpi.PublishHandler";
            case "monitor" -> "io.backbeat.functions.kpi.RefreshMonitorHandler";
            case "setup" -> "io.backbeat.functions.setup.SetupHandler";
            case "extract" -> "io.backbeat.functions.extract.ExtractHandler";
            default -> throw new IllegalArgumentException("no handler named " + handler);
        };
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
