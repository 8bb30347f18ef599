package io.backbeat.cli.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.kpi.KpiPublisher;
import io.backbeat.functions.kpi.KpiRefresh;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.load.LoadConfig;
import io.backbeat.functions.load.LoadHandler;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformHandler;
import io.backbeat.functions.validate.ValidateConfig;
import io.backbeat.functions.validate.ValidateHandler;
import io.backbeat.functions.warehouse.MigrationRunner;
import io.backbeat.functions.warehouse.QueryResult;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.functions.warehouse.WarehouseTarget;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.GeneratorOptions;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.localcloud.redshift.LocalRedshift;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code backbeat bench warehouse}: load and KPI refresh times on the local Redshift (embedded
 * PostgreSQL behind the Data API endpoint): a generated history of N plays over 30 days is loaded
 * (with {@code --events}, an app event log too) and fully refreshed, then one new day is loaded and refreshed on top of it. The last line printed is
 * one JSON object of the figures (seconds as {@code *_s}) and {@code data}, the folder of the
 * {@code users.csv}, {@code songs.csv} and {@code streams.csv} loaded, so other tools can run on the same files.
 */
@Command(
        name = "warehouse",
        mixinStandardHelpOptions = true,
        description = {
            "Loads a generated history (--plays over --days days, songs and users) through validate, transform and load"
                    + " into the local Redshift, times the load and a full KPI refresh of every day, then loads one more day"
                    + " and times its refresh, which must depend on that day's plays, not on the history."
        },
        footer = {"", "Example:", "  backbeat bench warehouse --plays 10000000"})
final class BenchWarehouseCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--plays", paramLabel = "N", defaultValue = "10000000", description = "plays of history (default: ${DEFAULT-VALUE})")
    long plays;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "days of history (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--new-day-plays", paramLabel = "N", description = "plays of the new day (default: --plays / --days)")
    Long newDayPlays;

    @Option(names = "--events", paramLabel = "N", defaultValue = "0",
            description = "app events of history, loaded with the plays (the new day gets its share) (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "out/bench-warehouse", description = "scratch directory (default: ${DEFAULT-VALUE})")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalDate start = LocalDate.of(2024, 6, 1);
        Path history = generate(work.resolve("history-" + plays + "-" + events), plays, events, start, days, 42, out);
        long dayPlays = newDayPlays != null ? newDayPlays : Math.max(1, plays / days);
        long dayEvents = events / days;
        Path newDay = generate(work.resolve("day-" + dayPlays + "-" + dayEvents), dayPlays, dayEvents, start.plusDays(days), 1,
                43, out);
        try (LocalCloud cloud = LocalCloud.start(); LocalRedshift redshift = LocalRedshift.start(cloud.s3Client())) {
            String bucket = cloud.createBucket("bench");
            String ledger = cloud.createLedgerTable("ledger");
            String serving = cloud.createServingTable("serving");
            WarehouseTarget target = WarehouseTarget.serverless(redshift.database(), redshift.workgroup());
            StatementRunner warehouse = new RedshiftDataStatementRunner(redshift.client(), target, Duration.ofHours(2),
                    Duration.ofMillis(50));
            new MigrationRunner(warehouse).ensureApplied(); // the stack's warehouse setup does this on deploy
            KpiRefresh refresh = new KpiRefresh(warehouse);
            KpiPublisher publisher = new KpiPublisher(warehouse, cloud.dynamoDbClient(), serving);
            List<List<LocalDate>> refreshed = new ArrayList<>();
            Pipeline pipeline = new Pipeline(cloud, bucket, new ValidateHandler(new ValidateConfig(ledger), cloud.s3Client(), cloud.dynamoDbClient(), Clock.systemUTC()),
                    new TransformHandler(new TransformConfig(ledger, TransformConfig.defaultDedupeMemory(Runtime.getRuntime().maxMemory()),
                            Files.createDirectories(work.resolve("spill"))), cloud.s3Client(), cloud.dynamoDbClient(), Clock.systemUTC()),
                    new LoadHandler(new LoadConfig(ledger, target, "arn:aws:iam::000000000000:role/bench",
                            "arn:aws:states:us-east-1:000000000000:stateMachine:unused-the-bench-refreshes-itself"), cloud.s3Client(),
                            cloud.dynamoDbClient(), warehouse, Clock.systemUTC(), (id, dates, object) -> refreshed.add(dates),
                            LoadsInFlight.NONE));

            out.printf("history: %,d plays and %,d app events over %d days%n", plays, events, days);
            double ingest = 0;
            double load = 0;
            for (Path file : ordered(history)) {
                double[] seconds = pipeline.run(file);
                ingest += seconds[0];
                load += seconds[1];
            }
            out.printf("validate+transform (local S3): %.1f s; load (COPY + merge): %.1f s%n", ingest, load);
            List<LocalDate> all = refreshed.stream().flatMap(List::stream).distinct().sorted().toList();
            long t0 = System.nanoTime();
            refresh.refresh("bench-full");
            double full = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long items = publisher.publish("bench-full");
            double publish = (System.nanoTime() - t0) / 1e9;
            // Publishing again replaces every item; DynamoDB Local and the SDK (this JVM) have run it once by then, as a
            // publish function that SnapStart restored or that ran before has.
            t0 = System.nanoTime();
            publisher.publish("bench-full");
            double publishAgain = (System.nanoTime() - t0) / 1e9;
            out.printf("full KPI refresh of %d days: %.1f s; publish %,d items to DynamoDB: %.1f s (again, warm: %.1f s)%n",
                    all.size(), full, items, publish, publishAgain);

            refreshed.clear();
            double dayLoad = 0;
            for (Path dayFile : ordered(newDay).stream().filter(f -> rank(f) == 2).toList()) {
                dayLoad += pipeline.run(dayFile)[1];
            }
            List<LocalDate> dates = refreshed.stream().flatMap(List::stream).distinct().sorted().toList();
            t0 = System.nanoTime();
            refresh.refresh("bench-day");
            double day = (System.nanoTime() - t0) / 1e9;
            QueryResult history30 = warehouse.execute("SELECT COUNT(*) AS n FROM fact_streams", Map.of());
            out.printf("one new day (%,d plays, %,d events, dates %s): load %.1f s, KPI refresh %.2f s, on top of %s plays%n",
                    dayPlays, dayEvents, dates, dayLoad, day, history30.value(0, "n"));

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("plays", plays);
            figures.put("events", events);
            figures.put("days", days);
            figures.put("validate_transform_s", seconds(ingest));
            figures.put("load_s", seconds(load));
            figures.put("refresh_s", seconds(full));
            figures.put("refreshed_days", all.size());
            figures.put("publish_s", seconds(publish));
            figures.put("publish_items", items);
            figures.put("publish_again_s", seconds(publishAgain));
            figures.put("new_day_plays", dayPlays);
            figures.put("new_day_events", dayEvents);
            figures.put("new_day_load_s", seconds(dayLoad));
            figures.put("new_day_refresh_s", seconds(day));
            figures.put("fact_streams_rows", Long.parseLong(history30.value(0, "n")));
            figures.put("data", history.toAbsolutePath().normalize().toString());
            out.println(json(figures));
        }
        return 0;
    }

    /** Milliseconds are as precise as these figures get. */
    private static double seconds(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String json(Map<String, Object> figures) {
        try {
            return JSON.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark figures could not be written as JSON: " + figures, e);
        }
    }

    private static Path generate(Path directory, long plays, long events, LocalDate start, int days, long seed, PrintWriter out) {
        if (!Files.exists(directory.resolve("streams.csv"))) {
            out.println("generating " + directory + " ...");
            out.flush();
            DatasetGenerator.generate(GeneratorOptions.builder().seed(seed).plays(plays).startDate(start).days(days)
                    .users((int) Math.max(1000, Math.min(1_000_000, plays / 50)))
                    .songs((int) Math.max(1000, Math.min(1_000_000, plays / 20))).events(events).build(), directory);
        }
        return directory;
    }

    /** Users and songs first, then plays and events, as a user would upload them. */
    private static List<Path> ordered(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv") || f.getFileName().toString().endsWith(".ndjson"))
                    .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                    .toList();
        }
    }

    private static int rank(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("users") ? 0 : name.startsWith("songs") ? 1 : 2;
    }

    /** Drives one file through the three handlers on the local cloud, timing ingest and load. */
    private record Pipeline(LocalCloud cloud, String bucket, ValidateHandler validate, TransformHandler transform, LoadHandler load) {
        double[] run(Path file) {
            String name = file.getFileName().toString();
            String dataset = name.startsWith("users") ? "users" : name.startsWith("songs") ? "songs"
                    : name.startsWith("events") ? "events" : "streams";
            String key = "raw/" + dataset + "/bench/" + name;
            cloud.s3Client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
            long t0 = System.nanoTime();
            validate.handleRequest(event(key), null);
            ZoneKey validated = ZoneKey.parse(key).validated();
            transform.handleRequest(event(validated.key()), null);
            long t1 = System.nanoTime();
            load.handleRequest(event(validated.staged().key()), null);
            long t2 = System.nanoTime();
            return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
        }

        private S3Event event(String key) {
            return S3EventFixtures.objectCreated(cloud.s3Client(), bucket, key);
        }
    }
}
