package io.backbeat.functions.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.Stage;
import io.backbeat.events.Zone;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.aws.SnapStartPriming;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.ledger.ObjectRef;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.stage.StageRunner;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.S3ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of validate, triggered by objects created under {@code raw/}.
 *
 * @see ValidateStage for what it does to each object
 */
public final class ValidateHandler implements RequestHandler<S3Event, List<ObjectOutcome>> {
    /** Lease when no Lambda context tells the remaining time: the longest a Lambda invocation can run. */
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    /** The ledger entry the priming reads: no object has this bucket, so the read finds nothing. */
    static final ObjectRef PRIMING_OBJECT = new ObjectRef("backbeat-snapstart-priming", "raw/priming.csv", new ObjectVersion(null, "priming"));

    private final StageRunner runner;
    /** Held for as long as the handler lives, since the CRaC context holds it weakly; null where no snapshot is taken. */
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime: clients are built once per container, and primed before a SnapStart snapshot. */
    public ValidateHandler() {
        this(ValidateConfig.fromEnvironment(), AwsClients.s3(), AwsClients.dynamoDb(), Clock.systemUTC(), true);
    }

    /** For tests and local runs: the same wiring with given clients. */
    public ValidateHandler(ValidateConfig config, S3Client s3, DynamoDbClient dynamoDb, Clock clock) {
        this(config, s3, dynamoDb, clock, false);
    }

    private ValidateHandler(ValidateConfig config, S3Client s3, DynamoDbClient dynamoDb, Clock clock, boolean snapStart) {
        this.runner = new StageRunner(new ValidateStage(), Zone.RAW, bucket -> new S3ObjectStore(s3, bucket),
                new DynamoDbLedger(dynamoDb, config.ledgerTable()), clock, DEFAULT_LEASE);
        this.priming = snapStart ? priming(config, s3, dynamoDb).register() : null;
    }

    ValidateHandler(StageRunner runner) {
        this.runner = runner;
        this.priming = null;
    }

    /**
     * What validate primes before a SnapStart snapshot: the classes of the row-count metrics, a ledger read of an object
     * that does not exist (DynamoDB), and a bucket listing (S3: the role may be refused it, which primes the same
     * signing, HTTP and error parsing; the buckets of the events are not known before the first one).
     */
    static SnapStartPriming priming(ValidateConfig config, S3Client s3, DynamoDbClient dynamoDb) {
        DynamoDbLedger ledger = new DynamoDbLedger(dynamoDb, config.ledgerTable());
        return SnapStartPriming.of("validate")
                .with("metrics-classes", SnapStartPriming::preloadClassLists)
                .with("dynamodb", () -> ledger.find(PRIMING_OBJECT, Stage.VALIDATE))
                .with("s3", () -> s3.listBuckets(r -> r.maxBuckets(1)));
    }

    @Override
    public List<ObjectOutcome> handleRequest(S3Event event, Context context) {
        return runner.handle(event, context);
    }
}
