package io.backbeat.localcloud.cloud;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.ServingSchema;
import io.backbeat.localcloud.events.CreatedObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.List;
import java.util.Objects;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 and DynamoDB on this machine, in this JVM, for tests and for running the pipeline locally.
 *
 * <ul>
 *   <li><b>S3</b> is <a href="https://github.com/gaul/s3proxy">S3Proxy</a> on 127.0.0.1, path-style,
 *       storing objects as files in a temporary directory (objects may be hundreds of megabytes, too
 *       many for a heap store). It checks no signatures, so any credentials work.
 *   <li><b>DynamoDB</b> is DynamoDB Local, in memory, over HTTP on 127.0.0.1, one database shared by
 *       every access key and region.
 * </ul>
 *
 * <p>Both ports are picked by the kernel. {@link #shared()} starts one cloud per JVM on first use (a
 * few seconds) and a shutdown hook stops it and deletes its files; tests share it and isolate
 * themselves with fresh names from {@link #createBucket} and {@link #createLedgerTable}. {@link
 * #start()} starts a private one that the caller closes: a command-line run uses that, because
 * S3Proxy's threads keep the JVM alive until the cloud is closed or {@code System.exit} is called.
 *
 * <pre>{@code
 * LocalCloud cloud = LocalCloud.shared();
 * String bucket = cloud.createBucket("landing");
 * cloud.s3Client().putObject(b -> b.bucket(bucket).key("raw/streams/a.csv"), RequestBody.fromString("..."));
 * String ledger = cloud.createLedgerTable("ledger");
 * }</pre>
 *
 * <h2>SQLite native library</h2>
 *
 * DynamoDB Local stores tables in SQLite through sqlite4java, which needs a native library.
 * DynamoDBLocal.jar (3.x; 3.3.1 here) carries that library for Linux, macOS and Windows on x86,
 * x86_64 and aarch64 as resources and, on start-up, extracts the one for this platform into {@code java.io.tmpdir} (or
 * {@code -Dorg.sqlite.tmpdir}) and loads it with {@code System.load}. So nothing outside the jars is
 * needed: a fresh clone with an empty {@code ~/.m2}, a Maven test run and a shaded or assembled class
 * path all work, as long as a shaded jar keeps DynamoDB Local's resources (no {@code minimizeJar}).
 * local-cloud therefore excludes the separate {@code libsqlite4java-*} Maven artifacts, which only
 * ever landed on the class path where nothing loads them, and loads the library at start-up so a
 * failure names the platform instead of surfacing as HTTP 500 on the first request. On JDK 24+ pass
 * {@code --enable-native-access=ALL-UNNAMED} (or the {@code Enable-Native-Access} manifest attribute)
 * to silence the JDK's warning about {@code System.load}.
 *
 * <h2>Known differences from S3</h2>
 *
 * The filesystem store maps keys to paths, so a key with an empty, "." or ".." segment ({@code a//b},
 * {@code ./a}, {@code raw/../x}) is stored under a normalized key or refused, where S3 keeps it as
 * is; buckets cannot be versioned (HTTP 501), so HeadObject reports no version id. Single-part ETags
 * are the MD5, multipart ones MD5-of-part-MD5s-N, as in S3; If-Match and If-None-Match are honoured.
 *
 * <p>{@link #shared()} and {@link #start()} throw {@link LocalCloudException} when a server cannot
 * start, {@link #close()} when one cannot stop or the S3 files cannot be deleted.
 */
public final class LocalCloud implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
    private static final Pattern BUCKET_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    private static final Pattern TABLE_PREFIX = Pattern.compile("[a-zA-Z0-9_.-]{1,200}");
    private static LocalCloud shared;

    private final Path storage;
    private final LocalS3 s3;
    private final LocalDynamoDb dynamoDb;
    private final S3Client s3Client;
    private final DynamoDbClient dynamoDbClient;
    private final boolean isShared;
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ObjectCreatedListeners listeners;

    private LocalCloud(Path storage, LocalS3 s3, LocalDynamoDb dynamoDb, boolean isShared, ObjectCreatedListeners listeners) {
        this.listeners = listeners;
        this.storage = storage;
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.isShared = isShared;
        this.s3Client = LocalClients.s3(s3.endpoint()).build();
        this.dynamoDbClient = LocalClients.dynamoDb(dynamoDb.endpoint()).build();
    }

    /** The cloud of this JVM, started on first call; a shutdown hook stops it. Do not close it. */
    public static synchronized LocalCloud shared() {
        if (shared == null) {
            LocalCloud cloud = launch(true);
            Runtime.getRuntime().addShutdownHook(new Thread(cloud::stopAtExit, "local-cloud-shutdown"));
            shared = cloud;
        }
        return shared;
    }

    /** Starts a cloud of its own, which the caller must {@link #close()}. */
    public static LocalCloud start() {
        return launch(false);
    }

    private static LocalCloud launch(boolean isShared) {
        long started = System.nanoTime();
        EmbeddedServerLogging.quiet();
        Path storage = createStorage();
        ObjectCreatedListeners listeners = new ObjectCreatedListeners();
        LocalS3 s3 = LocalS3.start(storage, listeners);
        long s3Ready = System.nanoTime();
        LocalDynamoDb dynamoDb;
        try {
            dynamoDb = LocalDynamoDb.start();
        } catch (RuntimeException e) {
            stopAfterFailedStart(s3, e);
            throw e;
        }
        long dynamoDbReady = System.nanoTime();
        LocalCloud cloud = new LocalCloud(storage, s3, dynamoDb, isShared, listeners);
        LOG.info("Local cloud started in {} ms: S3 at {} ({} ms, files in {}), DynamoDB at {} ({} ms)",
                millis(System.nanoTime() - started), s3.endpoint(), millis(s3Ready - started), storage,
                dynamoDb.endpoint(), millis(dynamoDbReady - s3Ready));
        return cloud;
    }

    private static Path createStorage() {
        try {
            return Files.createTempDirectory("backbeat-local-s3-");
        } catch (IOException e) {
            throw new LocalCloudException("Cannot create the local S3 directory in java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "); point -Djava.io.tmpdir at a writable directory", e);
        }
    }

    private static void stopAfterFailedStart(LocalS3 s3, RuntimeException failure) {
        try {
            s3.close();
        } catch (LocalCloudException e) {
            failure.addSuppressed(e);
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /**
     * Tells {@code listener} of every object stored in this cloud's S3 from now on (PutObject,
     * CompleteMultipartUpload, CopyObject, by any client), once stored: the local stand-in for S3 event
     * notifications. The listener runs on the S3 server's request thread and must return quickly.
     */
    public void onObjectCreated(Consumer<CreatedObject> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Listeners of {@link #onObjectCreated}; a failing listener never fails the S3 request. */
    private static final class ObjectCreatedListeners implements Consumer<CreatedObject> {
        private final List<Consumer<CreatedObject>> listeners = new CopyOnWriteArrayList<>();

        void add(Consumer<CreatedObject> listener) {
            listeners.add(listener);
        }

        @Override
        public void accept(CreatedObject object) {
            for (Consumer<CreatedObject> listener : listeners) {
                try {
                    listener.accept(object);
                } catch (RuntimeException e) {
                    LOG.warn("An object-created listener failed for s3://{}/{}", object.bucket(), object.key(), e);
                }
            }
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT}; use path-style requests. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** The DynamoDB endpoint, {@code http://127.0.0.1:PORT}. */
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** A client for {@link #s3Endpoint()}, shared and closed with this cloud. */
    public S3Client s3Client() {
        return s3Client;
    }

    /** A client for {@link #dynamoDbEndpoint()}, shared and closed with this cloud. */
    public DynamoDbClient dynamoDbClient() {
        return dynamoDbClient;
    }

    /** A builder for another S3 client of this cloud, configured as {@link LocalClients#s3(URI)} does. */
    public S3ClientBuilder s3ClientBuilder() {
        return LocalClients.s3(s3Endpoint());
    }

    /** A builder for another DynamoDB client of this cloud, configured as {@link LocalClients#dynamoDb(URI)} does. */
    public DynamoDbClientBuilder dynamoDbClientBuilder() {
        return LocalClients.dynamoDb(dynamoDbEndpoint());
    }

    /**
     * Creates an empty bucket named {@code prefix-N}, unique in this cloud.
     *
     * @param prefix lowercase letters, digits and hyphens, starting with a letter or digit, at most 50 characters
     * @return the bucket name
     */
    public String createBucket(String prefix) {
        requireMatch(prefix, BUCKET_PREFIX, "bucket prefix",
                "lowercase letters, digits and '-', starting with a letter or digit, at most 50 characters");
        String bucket = prefix + "-" + names.incrementAndGet();
        s3Client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /**
     * Creates a ledger table named {@code prefix-N}, unique in this cloud, with the key schema of
     * {@link LedgerSchema}: partition key {@link LedgerSchema#OBJECT} (S), sort key {@link
     * LedgerSchema#STAGE} (S), on-demand billing. DynamoDB Local makes it ACTIVE at once.
     *
     * @param prefix letters, digits, '_', '-' and '.', at most 200 characters
     * @return the table name
     */
    public String createLedgerTable(String prefix) {
        return createTable(prefix, LedgerSchema.OBJECT, LedgerSchema.STAGE);
    }

    /**
     * Creates a fresh serving table keyed as {@link ServingSchema} says (partition {@code pk}, sort
     * {@code sk}, both S) and returns its name, {@code prefix-N}.
     */
    public String createServingTable(String prefix) {
        return createTable(prefix, ServingSchema.PARTITION_KEY, ServingSchema.SORT_KEY);
    }

    /**
     * Creates a fresh on-demand table with a string partition key and, unless null, a string sort key,
     * and returns its name, {@code prefix-N}.
     */
    public String createTable(String prefix, String partitionKey, String sortKey) {
        requireMatch(prefix, TABLE_PREFIX, "table prefix", "letters, digits, '_', '-' and '.', at most 200 characters");
        Objects.requireNonNull(partitionKey, "partitionKey must not be null");
        String table = prefix + "-" + names.incrementAndGet();
        createTable(dynamoDbClient, table, partitionKey, sortKey);
        return table;
    }

    /**
     * Creates the on-demand table {@code table} with a string partition key and, unless null, a string sort
     * key through any DynamoDB endpoint (LocalStack's too).
     */
    public static void createTable(DynamoDbClient dynamoDb, String table, String partitionKey, String sortKey) {
        List<KeySchemaElement> keys = new java.util.ArrayList<>(List.of(key(partitionKey, KeyType.HASH)));
        List<AttributeDefinition> attributes = new java.util.ArrayList<>(List.of(string(partitionKey)));
        if (sortKey != null) {
            keys.add(key(sortKey, KeyType.RANGE));
            attributes.add(string(sortKey));
        }
        dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys).attributeDefinitions(attributes));
    }

    private static void requireMatch(String value, Pattern pattern, String what, String rule) {
        Objects.requireNonNull(value, what + " must not be null");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be " + rule);
        }
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
    }

    /**
     * Stops both servers and deletes the S3 files; calling it again does nothing.
     *
     * @throws IllegalStateException on the {@link #shared()} cloud, which other tests are still using
     */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("LocalCloud.shared() is stopped by a shutdown hook when the JVM exits;"
                    + " use LocalCloud.start() for a cloud you close yourself");
        }
        stop();
    }

    private void stopAtExit() {
        try {
            stop();
        } catch (LocalCloudException e) {
            LOG.warn("Local cloud did not stop cleanly (S3 files in {})", storage, e);
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LocalCloudException failure =
                new LocalCloudException("Local cloud did not stop cleanly; S3 files in " + storage, null);
        for (AutoCloseable part : new AutoCloseable[] {s3Client, dynamoDbClient, dynamoDb, s3, () -> FileUtils.deleteDirectory(storage.toFile())}) {
            try {
                part.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

}
