package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.LedgerSchema;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformHandler;
import io.backbeat.functions.validate.ValidateConfig;
import io.backbeat.functions.validate.ValidateHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import io.backbeat.fixtures.localstack.LocalStackContainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The LocalStack tier: the same validate and transform handlers against LocalStack's S3 and DynamoDB
 * in a container. Runs only where Docker is available and is skipped cleanly elsewhere. LocalStack's
 * community image covers S3, DynamoDB, Lambda and Step Functions; its Redshift Data API needs a paid
 * edition (set {@code LOCALSTACK_AUTH_TOKEN}), which is why the warehouse is tested on the local Redshift.
 */
@Testcontainers(disabledWithoutDocker = true)
class IngestLocalStackIT {
    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackContainers.of("s3", "dynamodb");

    @TempDir
    Path temp;


    @Test
    void theLabStreamsGoThroughValidateAndTransformOnLocalStack() {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        S3Client s3 = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).build();
        String bucket = "backbeat-landing";
        String ledger = "backbeat-ledger";
        s3.createBucket(r -> r.bucket(bucket));
        LocalCloud.createTable(dynamoDb, ledger, LedgerSchema.OBJECT, LedgerSchema.STAGE);
        Path lab = LabSample.extractTo(temp.resolve("lab"));
        s3.putObject(r -> r.bucket(bucket).key("raw/streams/lab/streams1.csv"), RequestBody.fromFile(lab.resolve("streams1.csv")));

        List<ObjectOutcome> validated = new ValidateHandler(new ValidateConfig(ledger), s3, dynamoDb, Clock.systemUTC())
                .handleRequest(S3EventFixtures.objectCreated(s3, bucket, "raw/streams/lab/streams1.csv"), null);
        S3Event next = S3EventFixtures.objectCreated(s3, bucket, "validated/streams/lab/streams1.csv.zst");
        List<ObjectOutcome> transformed = new TransformHandler(new TransformConfig(ledger, 64L << 20, temp), s3, dynamoDb,
                Clock.systemUTC()).handleRequest(next, null);

        assertThat(validated).singleElement().satisfies(o -> assertThat(o.rowsValid()).isEqualTo(11_346));
        assertThat(transformed).singleElement().satisfies(o -> assertThat(o.rowsValid()).isEqualTo(11_346));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("staged/streams/lab/streams1.csv.zst")).contentLength()).isPositive();
    }
}
