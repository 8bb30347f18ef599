package io.backbeat.functions.aws;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming of a handler: before Lambda takes the snapshot of an initialised function, runs each primer, a
 * harmless call on the path of a real invocation (a read of a key that does not exist, a request the role may be
 * refused), so that the classes it loads, the code it compiles and the objects it caches (the SDK's endpoint rules,
 * signers, marshallers; Jackson's serializers; Joda-Time's parser behind the S3 event) are in the snapshot rather than
 * in the first invocation after a restore. This is the "invoke priming" AWS recommends with CRaC runtime hooks:
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">Lambda SnapStart runtime
 * hooks for Java</a>, and Powertools' priming guide
 * (<a href="https://github.com/aws-powertools/powertools-lambda-java/blob/main/Priming.md">Priming.md</a>). A primer
 * that fails is logged and passed over: a refused or missing resource primes the same code, and priming must never fail
 * a snapshot.
 *
 * <pre>{@code
 * SnapStartPriming priming = SnapStartPriming.of("validate")
 *         .with("dynamodb", () -> ledger.find(SnapStartPriming.OBJECT, Stage.VALIDATE));
 * priming.register(); // a JVM without CRaC (tests, a function without SnapStart) never calls it
 * }</pre>
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** The S3 notification the primer of the event classes builds: Lambda's runtime builds these for every event. */
    private static final String EVENT_TIME = "1970-01-01T00:00:00.000Z";

    private final String handler;
    private final Map<String, Runnable> primers = new LinkedHashMap<>();

    private SnapStartPriming(String handler) {
        this.handler = Objects.requireNonNull(handler, "handler must not be null");
        primers.put("s3-event", SnapStartPriming::primeEventClasses);
        primers.put("jackson", SnapStartPriming::primeJackson);
    }

    /** A priming of the named handler with the primers every handler has (the S3 event classes and Jackson). */
    public static SnapStartPriming of(String handler) {
        return new SnapStartPriming(handler);
    }

    /** Adds a primer; its name is what the log and {@link #prime()} report. */
    public SnapStartPriming with(String name, Runnable primer) {
        primers.put(Objects.requireNonNull(name, "name must not be null"), Objects.requireNonNull(primer, "primer must not be null"));
        return this;
    }

    /**
     * Registers with the global CRaC context, so that Lambda runs {@link #beforeCheckpoint} before the snapshot. The
     * context holds its resources weakly: the handler keeps this object for as long as it lives.
     */
    public SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK clients reopen connections that the restore broke, and take fresh credentials
    }

    /** Runs every primer; returns each one's outcome by name: {@code ok}, or the exception's class name. */
    public Map<String, String> prime() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        long started = System.nanoTime();
        primers.forEach((name, primer) -> {
            try {
                primer.run();
                outcomes.put(name, "ok");
            } catch (RuntimeException | LinkageError e) {
                // LinkageError too: a class missing from the jar must cost the priming of one path, not the snapshot
                outcomes.put(name, e.getClass().getSimpleName());
            }
        });
        LOG.info("snapstart priming done: handler={} ms={} primers={}", handler, (System.nanoTime() - started) / 1_000_000, outcomes);
        return outcomes;
    }

    /**
     * Loads and initialises the classes named in every {@code classesloaded.txt} on the class path: Powertools
     * Metrics' list of what its first metrics load (the EMF library, commons-lang3, Jackson's JSR-310 module), which
     * the stage functions' row-count metrics take 0.25-0.29 s to load on a cold JVM. Powertools runs the same list from
     * its own hook, but only in {@code MetricsFactory}, which we do not use, and its loader stops at the first class it
     * cannot link (the list names AspectJ classes, which we do not ship); this one skips those.
     *
     * @return how many of the listed classes were loaded
     */
    public static int preloadClassLists() {
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        int loaded = 0;
        try {
            for (java.net.URL list : java.util.Collections.list(loader.getResources("classesloaded.txt"))) {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(list.openStream(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        String name = line.strip();
                        if (name.isEmpty() || name.startsWith("#")) {
                            continue;
                        }
                        try {
                            Class.forName(name, true, loader);
                            loaded++;
                        } catch (ClassNotFoundException | LinkageError e) {
                            // not in this jar, or needs what is not: the list is a library's, not ours
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read a classesloaded.txt list: " + e.getMessage(), e);
        }
        return loaded;
    }

    /** What the runtime does with every S3 event before the handler sees it: builds the records, parsing the time with Joda. */
    private static void primeEventClasses() {
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        records.add(new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", EVENT_TIME, "2.1",
                null, null, new S3EventNotification.S3Entity("priming", new S3EventNotification.S3BucketEntity("priming", null, "arn"),
                        new S3EventNotification.S3ObjectEntity("raw/priming.csv", 1L, "etag", null, "0"), "1.0"), null));
        Objects.requireNonNull(records.get(0).getEventTime(), "eventTime");
    }

    /** A round trip through Jackson's tree model and its serializers, as the stage reports and outcomes take. */
    private static void primeJackson() {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode tree = json.readTree(json.writeValueAsString(Map.of("object", "s3://priming/raw/priming.csv", "rows", List.of(1, 2))));
            Objects.requireNonNull(tree.get("rows"), "rows");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("priming JSON round trip failed: " + e.getOriginalMessage(), e);
        }
    }
}
