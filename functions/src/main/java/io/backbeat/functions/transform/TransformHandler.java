package io.backbeat.functions.transform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.Zone;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.stage.StageRunner;
import io.backbeat.functions.storage.S3ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of transform, triggered by objects created under {@code validated/}.
 *
 * @see TransformStage for what it does to each object
 */
public final class TransformHandler implements RequestHandler<S3Event, List<ObjectOutcome>> {
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    private final StageRunner runner;

    /** Used by the Lambda runtime: clients are built once per container. */
    public TransformHandler() {
        this(TransformConfig.fromEnvironment(), AwsClients.s3(), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /** For tests and local runs: the same wiring with given clients. */
    public TransformHandler(TransformConfig config, S3Client s3, DynamoDbClient dynamoDb, Clock clock) {
        this(new StageRunner(TransformStage.withMemory(config.dedupeMemoryBytes(), config.spillDirectory()), Zone.VALIDATED,
                bucket -> new S3ObjectStore(s3, bucket), new DynamoDbLedger(dynamoDb, config.ledgerTable()), clock,
                DEFAULT_LEASE));
    }

    TransformHandler(StageRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<ObjectOutcome> handleRequest(S3Event event, Context context) {
        return runner.handle(event, context);
    }
}
