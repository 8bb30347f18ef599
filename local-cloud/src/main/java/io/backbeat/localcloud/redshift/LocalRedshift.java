package io.backbeat.localcloud.redshift;

import io.backbeat.localcloud.cloud.LocalClients;
import io.backbeat.localcloud.cloud.LocalCloud;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Amazon Redshift on this machine, for tests and local runs: embedded PostgreSQL 15 behind the
 * Redshift Data API, so production code using the AWS SDK's {@link RedshiftDataClient} runs against
 * it unchanged (endpoint override aside).
 *
 * <ul>
 *   <li>ExecuteStatement, BatchExecuteStatement (one transaction), DescribeStatement,
 *       GetStatementResult (paged, also for a batch's {@code id:N}), CancelStatement and
 *       ListStatements, over the AWS JSON 1.1 protocol on 127.0.0.1. Statements run asynchronously,
 *       each in a session (connection) of its own, SUBMITTED → STARTED → FINISHED, FAILED or ABORTED.
 *   <li>Redshift SQL is rewritten to PostgreSQL by a short list of rules (see the package
 *       documentation); COPY from S3 reads the objects with the S3 client given at start.
 *   <li>It behaves as Redshift where results depend on it: PRIMARY KEY and UNIQUE are not enforced,
 *       each statement runs at {@link WarehouseIsolation SNAPSHOT or SERIALIZABLE} isolation (a
 *       serialization failure is error 1023), CHAR and VARCHAR lengths count bytes, COPY loads NULLs
 *       as Redshift does, and statements run as the database user of the caller
 *       ({@link #credentialsFor}). docs/local-redshift.md lists what is emulated and what is not.
 *   <li>Anything it cannot do faithfully fails loudly: a statement FAILED with {@code ERROR: not
 *       supported by the local Redshift endpoint: <what> in: <statement>}, or a
 *       ValidationException for an unsupported request option.
 * </ul>
 *
 * <p>Requests must name the workgroup (or cluster) {@link #workgroup()} and the database
 * {@link #database()}.
 *
 * <pre>{@code
 * LocalRedshift redshift = LocalRedshift.shared();
 * RedshiftDataClient client = redshift.client();
 * String id = client.executeStatement(b -> b.workgroupName(redshift.workgroup()).database(redshift.database())
 *         .sql("SELECT count(*) FROM plays WHERE user_id = :user")
 *         .parameters(p -> p.name("user").value("42"))).id();
 * // poll client.describeStatement(b -> b.id(id)) until FINISHED, then client.getStatementResult(...)
 * }</pre>
 *
 * <p>{@link #shared()} and {@link #start(S3Client)} throw {@link LocalRedshiftException} when
 * PostgreSQL or the endpoint cannot start.
 */
public final class LocalRedshift implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRedshift.class);
    private static final String WORKGROUP = "local";
    private static final int DEFAULT_RESULT_PAGE_SIZE = 1000;
    private static LocalRedshift shared;

    private final LocalPostgres postgres;
    private final WarehouseIsolation isolation;
    private final SessionPool runner;
    private final DataApiServer server;
    private final StatementRegistry registry;
    private final InjectedFailures injectedFailures;
    private final AtomicInteger resultPageSize;
    private final RedshiftDataClient client;
    private final boolean isShared;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalRedshift(LocalPostgres postgres, WarehouseIsolation isolation, SessionPool runner,
            DataApiServer server, StatementRegistry registry, InjectedFailures injectedFailures,
            AtomicInteger resultPageSize, boolean isShared) {
        this.postgres = postgres;
        this.isolation = isolation;
        this.runner = runner;
        this.server = server;
        this.registry = registry;
        this.injectedFailures = injectedFailures;
        this.resultPageSize = resultPageSize;
        this.isShared = isShared;
        this.client = clientBuilder().build();
    }

    /**
     * The local Redshift of this JVM, started on first call, reading COPY sources from
     * {@link LocalCloud#shared()}'s S3, at the isolation {@link WarehouseIsolation#configured()} names
     * (system property {@value WarehouseIsolation#PROPERTY}, SNAPSHOT by default); a shutdown hook stops
     * it. Do not close it.
     */
    public static synchronized LocalRedshift shared() {
        if (shared == null) {
            LocalRedshift redshift = launch(LocalCloud.shared()::s3Client, WarehouseIsolation.configured(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(redshift::stop, "local-redshift-shutdown"));
            shared = redshift;
        }
        return shared;
    }

    /**
     * Starts a local Redshift of its own, which the caller must {@link #close()}, at the isolation
     * {@link WarehouseIsolation#configured()} names (SNAPSHOT unless the system property says otherwise).
     *
     * @param s3 the client COPY reads objects and manifests with; not closed by this
     */
    public static LocalRedshift start(S3Client s3) {
        return start(s3, WarehouseIsolation.configured());
    }

    /**
     * Starts a local Redshift of its own at {@code isolation}, which the caller must {@link #close()}.
     *
     * @param s3 the client COPY reads objects and manifests with; not closed by this
     */
    public static LocalRedshift start(S3Client s3, WarehouseIsolation isolation) {
        Objects.requireNonNull(s3, "s3 must not be null");
        return launch(() -> s3, Objects.requireNonNull(isolation, "isolation must not be null"), false);
    }

    /**
     * Starts a local Redshift of its own while the S3 it reads from may still be starting: {@code s3} is asked for
     * the client at each COPY, so PostgreSQL and the local S3 can start side by side.
     */
    public static LocalRedshift start(Supplier<S3Client> s3) {
        return launch(Objects.requireNonNull(s3, "s3 must not be null"), WarehouseIsolation.configured(), false);
    }

    /**
     * Credentials of the IAM role {@code iamRoleName} for any client of a local Redshift: their requests
     * run as the database user {@code IAMR:<iamRoleName>}, as Redshift maps an IAM role calling the Data
     * API (created at first use, with no privileges: GRANT what it needs as the admin). Requests signed
     * with {@link LocalClients#CREDENTIALS}, without a signature, or with a SecretArn run as the admin
     * {@code admin}, a superuser. The access key id is letters and digits only, so other local services
     * (DynamoDB Local) accept the same credentials. Static: wiring code can build clients before
     * a local Redshift starts.
     *
     * @param iamRoleName the role's name, not its ARN
     * @throws IllegalArgumentException when it is not an IAM role name
     */
    public static AwsCredentialsProvider credentialsFor(String iamRoleName) {
        return IamCredentials.forRole(iamRoleName);
    }

    /** A new client of {@link #endpoint()} whose statements run as {@code IAMR:<iamRoleName>}; the caller closes it. */
    public RedshiftDataClient clientAs(String iamRoleName) {
        return clientBuilder().credentialsProvider(credentialsFor(iamRoleName)).build();
    }

    /** The isolation every statement runs at. */
    public WarehouseIsolation isolation() {
        return isolation;
    }

    private static LocalRedshift launch(Supplier<S3Client> s3, WarehouseIsolation isolation, boolean isShared) {
        long started = System.nanoTime();
        LocalPostgres postgres = LocalPostgres.start();
        long postgresReady = System.nanoTime();
        StatementRegistry registry = new StatementRegistry();
        InjectedFailures injectedFailures = new InjectedFailures();
        AtomicInteger resultPageSize = new AtomicInteger(DEFAULT_RESULT_PAGE_SIZE);
        SessionPool runner = new SessionPool(postgres, new S3Copy(s3), injectedFailures, isolation);
        DataApiServer server;
        try {
            server = DataApiServer.start(new DataApi(WORKGROUP, registry, runner, resultPageSize::get));
        } catch (LocalRedshiftException e) {
            runner.close();
            postgres.close();
            throw e;
        }
        LocalRedshift redshift = new LocalRedshift(postgres, isolation, runner, server, registry, injectedFailures,
                resultPageSize, isShared);
        LOG.info("Local Redshift started in {} ms: Data API at {}, PostgreSQL on port {} ({} ms), {} isolation",
                millis(System.nanoTime() - started), server.endpoint(), postgres.port(),
                millis(postgresReady - started), isolation);
        return redshift;
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** The Data API endpoint, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The one database, {@code dev}, as on a new Redshift warehouse. */
    public String database() {
        return LocalPostgres.DATABASE;
    }

    /** The name requests give as WorkgroupName (or ClusterIdentifier): {@code local}. */
    public String workgroup() {
        return WORKGROUP;
    }

    /** A client for {@link #endpoint()}, shared and closed with this instance. */
    public RedshiftDataClient client() {
        return client;
    }

    /** A builder for another client of {@link #endpoint()}, configured as {@link LocalClients#configure} does. */
    public RedshiftDataClientBuilder clientBuilder() {
        return LocalClients.configure(RedshiftDataClient.builder(), endpoint());
    }

    /**
     * A new JDBC connection to {@link #database()}, in auto-commit mode and UTC, as PostgreSQL's
     * superuser, for setting up and checking data directly in tests; the caller closes it. It is
     * PostgreSQL's SQL, not Redshift's: no rewrites apply (a table created here enforces its keys).
     */
    public Connection connect() throws SQLException {
        return postgres.connect();
    }

    /** How many rows a GetStatementResult page holds; 1000 unless changed. */
    public int resultPageSize() {
        return resultPageSize.get();
    }

    /** Changes the rows per GetStatementResult page for pages served from now on, so tests can force paging. */
    public void resultPageSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        resultPageSize.set(rows);
    }

    /**
     * Test hook: the next Sql string (of any statement or batch) in which {@code regex} finds a match
     * fails with {@code error} as its Error text instead of running; a batch then rolls back. Fires
     * once. For example {@code failNextStatementMatching("(?i)^MERGE", "ERROR: 1023 ... Serializable isolation violation")}.
     */
    public void failNextStatementMatching(String regex, String error) {
        Objects.requireNonNull(error, "error must not be null");
        injectedFailures.add(Pattern.compile(Objects.requireNonNull(regex, "regex must not be null")), error);
    }

    /** Every Sql string received since start, in order, as sent (before rewrites), with its parameters. */
    public List<ReceivedStatement> receivedStatements() {
        return registry.received();
    }

    /**
     * Stops the endpoint and PostgreSQL, cancelling what still runs; calling it again does nothing.
     *
     * @throws IllegalStateException on the {@link #shared()} instance, which other tests are still using
     */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("LocalRedshift.shared() is stopped by a shutdown hook when the JVM exits;"
                    + " use LocalRedshift.start(s3) for one you close yourself");
        }
        stop();
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.close();
        server.close();
        registry.cancelAll();
        runner.close();
        postgres.close();
    }
}
