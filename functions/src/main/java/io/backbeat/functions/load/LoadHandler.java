package io.backbeat.functions.load;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.Stage;
import io.backbeat.events.Zone;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.aws.Lazy;
import io.backbeat.functions.aws.SnapStartPriming;
import io.backbeat.functions.kpi.DynamoDbLoadsInFlight;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.kpi.StepFunctionsKpiRefresh;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.ledger.ObjectRef;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.stage.StageRunner;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.S3ObjectStore;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Lambda entry point of load, triggered by objects created under {@code staged/}: loads, then starts the
 * kpi-refresh state machine named by {@code BACKBEAT_STATE_MACHINE_ARN} for the dates it changed.
 *
 * @see LoadStage for what it does to each object
 */
public final class LoadHandler implements RequestHandler<S3Event, List<ObjectOutcome>> {
    /** The longest a load runs (Lambda's longest timeout): its ledger lease without a context, its in-flight deadline. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    /** The ledger entry the priming reads: no object has this bucket, so the read finds nothing. */
    static final ObjectRef PRIMING_OBJECT = new ObjectRef("backbeat-snapstart-priming", "staged/priming.csv.zst",
            new ObjectVersion(null, "priming"));

    private final StageRunner runner;
    /** Held for as long as the handler lives, since the CRaC context holds it weakly; null where no snapshot is taken. */
    private final SnapStartPriming priming;

    /**
     * Used by the Lambda runtime: clients are built once per container, and primed before a SnapStart snapshot. The Step
     * Functions client is built when a load first changes dates (or by the priming), not before.
     */
    public LoadHandler() {
        this(LoadConfig.fromEnvironment(), AwsClients.s3(), AwsClients.dynamoDb(), AwsClients.redshiftData(),
                Lazy.of(AwsClients::stepFunctions));
    }

    private LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, RedshiftDataClient redshift, Lazy<SfnClient> sfn) {
        this(config, s3, dynamoDb, new RedshiftDataStatementRunner(redshift, config.warehouse()), Clock.systemUTC(), sfn,
                priming(config, s3, dynamoDb, redshift, sfn).register());
    }

    private LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, StatementRunner warehouse, Clock clock,
            Lazy<SfnClient> sfn, SnapStartPriming priming) {
        this(config, s3, dynamoDb, warehouse, clock, refreshStarter(sfn, config.stateMachineArn()),
                new DynamoDbLoadsInFlight(dynamoDb, config.ledgerTable(), clock, DEFAULT_LEASE), priming);
    }

    /** The same wiring with given clients and a chosen way of starting the KPI refresh. */
    public LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, StatementRunner warehouse, Clock clock,
            KpiRefreshStarter refresh, LoadsInFlight inFlight) {
        this(config, s3, dynamoDb, warehouse, clock, refresh, inFlight, null);
    }

    private LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, StatementRunner warehouse, Clock clock,
            KpiRefreshStarter refresh, LoadsInFlight inFlight, SnapStartPriming priming) {
        this.runner = new StageRunner(new LoadStage(warehouse, config.copyRoleArn(), refresh, inFlight),
                Zone.STAGED, bucket -> new S3ObjectStore(s3, bucket), new DynamoDbLedger(dynamoDb, config.ledgerTable()), clock,
                DEFAULT_LEASE);
        this.priming = priming;
    }

    /** Starts the refresh through Step Functions, building the client (from {@code sfn}) on the first start. */
    private static KpiRefreshStarter refreshStarter(Lazy<SfnClient> sfn, String stateMachineArn) {
        Lazy<StepFunctionsKpiRefresh> refresh = Lazy.of(() -> new StepFunctionsKpiRefresh(sfn.get(), stateMachineArn));
        return (refreshId, dates, objectId) -> refresh.get().start(refreshId, dates, objectId);
    }

    /**
     * What load primes before a SnapStart snapshot: the classes of the row-count metrics, a ledger read of an object
     * that does not exist (DynamoDB), the
     * description of a statement that does not exist (Redshift Data), a bucket listing (S3) and the state machine's
     * description (Step Functions); the role may be refused the last two, which primes the same signing, HTTP and
     * error parsing.
     */
    static SnapStartPriming priming(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, RedshiftDataClient redshift,
            Lazy<SfnClient> sfn) {
        DynamoDbLedger ledger = new DynamoDbLedger(dynamoDb, config.ledgerTable());
        return SnapStartPriming.of("load")
                .with("metrics-classes", SnapStartPriming::preloadClassLists)
                .with("dynamodb", () -> ledger.find(PRIMING_OBJECT, Stage.LOAD))
                .with("redshift-data", () -> redshift.describeStatement(r -> r.id(UUID.randomUUID().toString())))
                .with("s3", () -> s3.listBuckets(r -> r.maxBuckets(1)))
                .with("sfn", () -> sfn.get().describeStateMachine(r -> r.stateMachineArn(config.stateMachineArn())));
    }

    @Override
    public List<ObjectOutcome> handleRequest(S3Event event, Context context) {
        return runner.handle(event, context);
    }
}
