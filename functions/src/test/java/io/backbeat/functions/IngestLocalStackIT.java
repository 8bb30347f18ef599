package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.LedgerSchema;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformHandler;
import io.backbeat.functions.validate.ValidateConfig;
import io.backbeat.functions.validate.ValidateHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
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


    private static final String BUCKET = "backbeat-landing";
    private static final String LEDGER = "backbeat-ledger";

    @Test
    void theLabStreamsGoThroughValidateAndTransformOnLocalStack() {
        Clients clients = clients();
        Path lab = LabSample.extractTo(temp.resolve("lab"));
        clients.s3().putObject(r -> r.bucket(BUCKET).key("raw/streams/lab/streams1.csv"), RequestBody.fromFile(lab.resolve("streams1.csv")));

        List<ObjectOutcome> validated = validate(clients, "raw/streams/lab/streams1.csv");
        List<ObjectOutcome> transformed = transform(clients, "validated/streams/lab/streams1.csv.zst");

        assertThat(validated).singleElement().satisfies(o -> assertThat(o.rowsValid()).isEqualTo(11_346));
        assertThat(transformed).singleElement().satisfies(o -> assertThat(o.rowsValid()).isEqualTo(11_346));
        assertThat(clients.s3().headObject(r -> r.bucket(BUCKET).key("staged/streams/lab/streams1.csv.zst")).contentLength())
                .isPositive();
    }

    @Test
    void appEventsDeliveredAsFirehoseWritesThemGoThroughValidateAndTransformOnLocalStack() throws IOException {
        Clients clients = clients();
        // The stack's delivery stream's layout: a GZIP object of records each ending in a newline, under a date-hour path.
        String key = "raw/events/2024/06/25/13/backbeat-events-1-2024-06-25-13-00-00-0b6a1b8e-3c5e-4e9a-9a55-5d7b5c1f0e11.ndjson.gz";
        StringBuilder lines = new StringBuilder();
        for (int item = 0; item < 50; item++) {
            lines.append("{\"ts\":").append(1_719_320_400_000L + item * 1000L).append(",\"userId\":\"42\",\"sessionId\":7,")
                    .append("\"itemInSession\":").append(item).append(",\"page\":\"NextSong\",\"auth\":\"Logged In\",")
                    .append("\"level\":\"paid\",\"artist\":\"Ann\",\"song\":\"One\",\"length\":181.5}\n");
        }
        lines.append("{\"ts\":1719320400000,\"sessionId\":7,\"itemInSession\":0,\"page\":\"Home\",\"auth\":\"Guest\",")
                .append("\"level\":\"free\"}\n"); // repeats the first event's key
        lines.append("not json\n");
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        clients.s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(gzip.toByteArray()));

        List<ObjectOutcome> validated = validate(clients, key);
        List<ObjectOutcome> transformed = transform(clients, "validated/" + key.substring("raw/".length()) + ".zst");

        assertThat(validated).singleElement().satisfies(o -> {
            assertThat(o.rowsValid()).isEqualTo(51);
            assertThat(o.rowsRejected()).as("the line that is not JSON").isEqualTo(1);
        });
        assertThat(transformed).singleElement().satisfies(o -> {
            assertThat(o.rowsValid()).isEqualTo(50);
            assertThat(o.rowsRejected()).as("the repeated key").isEqualTo(1);
        });
        assertThat(clients.s3().headObject(r -> r.bucket(BUCKET).key("staged/" + key.substring("raw/".length()) + ".zst"))
                .contentLength()).isPositive();
    }

    private record Clients(S3Client s3, DynamoDbClient dynamoDb) {}

    private static Clients clients() {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        S3Client s3 = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).build();
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(r -> r.bucket(BUCKET));
            LocalCloud.createTable(dynamoDb, LEDGER, LedgerSchema.OBJECT, LedgerSchema.STAGE);
        }
        return new Clients(s3, dynamoDb);
    }

    private static List<ObjectOutcome> validate(Clients clients, String key) {
        return new ValidateHandler(new ValidateConfig(LEDGER), clients.s3(), clients.dynamoDb(), Clock.systemUTC())
                .handleRequest(S3EventFixtures.objectCreated(clients.s3(), BUCKET, key), null);
    }

    private List<ObjectOutcome> transform(Clients clients, String key) {
        return new TransformHandler(new TransformConfig(LEDGER, 64L << 20, temp), clients.s3(), clients.dynamoDb(),
                Clock.systemUTC()).handleRequest(S3EventFixtures.objectCreated(clients.s3(), BUCKET, key), null);
    }
}
