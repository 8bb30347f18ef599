package io.backbeat.cli.bench;

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
 * already-done path; publish gets the KPI select of a refresh of the day load changed, as the state machine gives it.
 * Step Functions is a stub that accepts load's StartExecution. A run whose handler did not process its object fails
 * the benchmark rather than timing a skip. The last line is
 * one JSON object: each handler's median seconds as {@code <handler>_s}, {@code slowest_s}, {@code runs}, {@code jvm_flags}.
 */
@Command(
        name = "coldstart",
        mixinStandardHelpOptions = true,
        description = {"Times each handler's cold start (fresh JVM, Lambda jar, Lambda's JIT flags) to its first handled event"
                + " on the local cloud, as the median of --runs runs."},
        footer = {"", "Example:", "  backbeat bench coldstart --runs 5", "  backbeat bench coldstart --runs 1 --handlers validate,transform"})
final class BenchColdStartCommand implements Callable<Integer> {
    /**
     * Lambda's Java runtimes stop tiered compilation at level 1 (C1 only) by default: Java 17 and 21 always, Java 25
     * unless SnapStart or provisioned concurrency is on (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
     * The serial collector is what the JVM picks by itself on one vCPU, as a 1,769 MB or smaller function has; it is
     * named so that a many-core machine times the same collector. The child runs on this JVM's {@code java}.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    static final List<String> HANDLERS = List.of("validate", "transform", "load", "publish");
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final String COPY_ROLE = "arn:aws:iam::000000000000:role/backbeat-coldstart-copy";

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "runs per handler, median reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--handlers", paramLabel = "LIST", split = ",", defaultValue = "validate,transform,load,publish",
            description = "handlers to time, in pipeline order (default: ${DEFAULT-VALUE}); transform needs validate, load needs transform")
    List<String> handlers;

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
        Path driverClasses = ColdStartChild.driverClasses(work.resolve("driver"));
        String classPath = lambdaJar.toAbsolutePath() + java.io.File.pathSeparator + driverClasses.toAbsolutePath();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        handlers.forEach(h -> seconds.put(h, new ArrayList<>()));
        try (LocalCloud cloud = LocalCloud.start(); LocalRedshift redshift = LocalRedshift.start(cloud.s3Client());
                StartExecutionStub sfn = StartExecutionStub.start()) {
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
            for (int run = 1; run <= runs; run++) {
                String raw = "raw/streams/coldstart/run-" + run + "-" + System.nanoTime() + ".csv";
                Path streams = streams(run);
                cloud.s3Client().putObject(r -> r.bucket(bucket).key(raw), RequestBody.fromFile(streams));
                ZoneKey validated = ZoneKey.parse(raw).validated();
                Map<String, String> keys = Map.of("validate", raw, "transform", validated.key(), "load", validated.staged().key());
                for (String handler : handlers) {
                    Path event = work.resolve(handler + "-event.json");
                    if (handler.equals("publish")) {
                        // as the state machine does before publish: refresh the dates this run's load changed, select them
                        String refreshId = "coldstart-" + run;
                        new KpiRefresh(warehouse).refresh(refreshId);
                        Files.writeString(event, "{\"refreshId\":\"" + refreshId + "\",\"table\":\"" + KpiSql.DAILY_ENGAGEMENT
                                + "\",\"statementId\":\"" + kpiSelect(redshift, target, refreshId) + "\"}");
                    } else {
                        String key = keys.get(handler);
                        HeadObjectResponse head = cloud.s3Client().headObject(b -> b.bucket(bucket).key(key));
                        Files.writeString(event, S3EventFixtures.objectCreatedJson(bucket, key, head.eTag(), head.contentLength()));
                    }
                    ColdStartChild.Timing timing = ColdStartChild.run(classPath, handlerClass(handler),
                            handler.equals("publish") ? "map" : "s3", event, environment, CHILD_TIMEOUT);
                    if (!handler.equals("publish") && !timing.result().contains("outcome=PROCESSED")) {
                        throw new IllegalStateException(handler + " did not process " + keys.get(handler)
                                + ", so its time is not a cold start's; it returned " + timing.result());
                    }
                    seconds.get(handler).add(timing.wallSeconds());
                    out.printf("run %d %-9s %.3f s wall, %.3f s since JVM start: %s%n", run, handler, timing.wallSeconds(),
                            timing.jvmSeconds(), timing.result());
                    out.flush();
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        out.println();
        out.printf("%-10s %10s %10s %10s%n", "handler", "median_s", "min_s", "max_s");
        double slowest = 0;
        for (Map.Entry<String, List<Double>> entry : seconds.entrySet()) {
            List<Double> sorted = entry.getValue().stream().sorted().toList();
            double median = median(sorted);
            slowest = Math.max(slowest, median);
            out.printf("%-10s %10.3f %10.3f %10.3f%n", entry.getKey(), median, sorted.get(0), sorted.get(sorted.size() - 1));
            figures.put(entry.getKey() + "_s", round(median));
        }
        figures.put("slowest_s", round(slowest));
        figures.put("runs", runs);
        figures.put("jvm_flags", String.join(" ", LAMBDA_JVM_FLAGS));
        figures.put("java", Runtime.version().toString());
        figures.put("lambda_jar_bytes", Files.size(lambdaJar));
        out.println(BenchWarehouseCommand.json(figures));
        return 0;
    }

    private void checkArguments() {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, was " + runs);
        }
        for (String handler : handlers) {
            if (!HANDLERS.contains(handler)) {
                throw new ParameterException(spec.commandLine(), "--handlers: '" + handler + "' is not one of " + HANDLERS);
            }
        }
        if (handlers.contains("transform") && !handlers.contains("validate") || handlers.contains("load") && !handlers.contains("transform")) {
            throw new ParameterException(spec.commandLine(), "--handlers " + String.join(",", handlers)
                    + ": transform reads what validate wrote and load what transform wrote; add the stage before");
        }
        handlers = HANDLERS.stream().filter(handlers::contains).toList();
        if (!Files.isRegularFile(lambdaJar)) {
            throw new ParameterException(spec.commandLine(), "--lambda-jar " + lambdaJar + " does not exist; build it with"
                    + " ./mvnw -B -pl functions -am package -DskipTests, or pass its path");
        }
    }

    /** A day of plays of its own per run, so that each run's load changes a date and its refresh gives publish rows. */
    private Path streams(int run) {
        Path data = work.resolve("data-" + rows + "-day-" + run);
        if (!Files.exists(data.resolve("streams.csv"))) {
            DatasetGenerator.generate(GeneratorOptions.builder().seed(42 + run).plays(rows).startDate(LocalDate.of(2024, 6, 1).plusDays(run))
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

    private static String handlerClass(String handler) {
        return switch (handler) {
            case "validate" -> "io.backbeat.functions.validate.ValidateHandler";
            case "transform" -> "io.backbeat.functions.transform.TransformHandler";
            case "load" -> "io.backbeat.functions.load.LoadHandler";
            case "publish" -> "io.backbeat.functions.kpi.PublishHandler";
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
