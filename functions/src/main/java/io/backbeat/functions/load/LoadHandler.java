package io.backbeat.functions.load;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.Zone;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.kpi.DynamoDbLoadsInFlight;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.kpi.StepFunctionsKpiRefresh;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.stage.StageRunner;
import io.backbeat.functions.storage.S3ObjectStore;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of load, triggered by objects created under {@code staged/}: loads, then starts the
 * kpi-refresh state machine named by {@code BACKBEAT_STATE_MACHINE_ARN} for the dates it changed.
 *
 * @see LoadStage for what it does to each object
 */
public final class LoadHandler implements RequestHandler<S3Event, List<ObjectOutcome>> {
    /** The longest a load runs (Lambda's longest timeout): its ledger lease without a context, its in-flight deadline. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    private final StageRunner runner;

    /** Used by the Lambda runtime: clients are built once per container. */
    public LoadHandler() {
        this(LoadConfig.fromEnvironment(), AwsClients.s3(), AwsClients.dynamoDb(), AwsClients.redshiftData());
    }

    private LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, RedshiftDataClient redshift) {
        this(config, s3, dynamoDb, new RedshiftDataStatementRunner(redshift, config.warehouse()), Clock.systemUTC());
    }

    private LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, StatementRunner warehouse, Clock clock) {
        this(config, s3, dynamoDb, warehouse, clock, new StepFunctionsKpiRefresh(AwsClients.stepFunctions(), config.stateMachineArn()),
                new DynamoDbLoadsInFlight(dynamoDb, config.ledgerTable(), clock, DEFAULT_LEASE));
    }

    /** The same wiring with given clients and a chosen way of starting the KPI refresh. */
    public LoadHandler(LoadConfig config, S3Client s3, DynamoDbClient dynamoDb, StatementRunner warehouse, Clock clock,
            KpiRefreshStarter refresh, LoadsInFlight inFlight) {
        this.runner = new StageRunner(new LoadStage(warehouse, config.copyRoleArn(), refresh, inFlight),
                Zone.STAGED, bucket -> new S3ObjectStore(s3, bucket), new DynamoDbLedger(dynamoDb, config.ledgerTable()), clock,
                DEFAULT_LEASE);
    }

    @Override
    public List<ObjectOutcome> handleRequest(S3Event event, Context context) {
        return runner.handle(event, context);
    }
}
