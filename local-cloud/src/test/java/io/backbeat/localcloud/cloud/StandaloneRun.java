package io.backbeat.localcloud.cloud;

import io.backbeat.events.LedgerSchema;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A plain {@code main} that uses the local cloud the way the CLI will: start, work, close, return. */
final class StandaloneRun {
    private StandaloneRun() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        try (LocalCloud cloud = LocalCloud.start()) {
            long startUpMillis = (System.nanoTime() - started) / 1_000_000;
            String bucket = cloud.createBucket("standalone");
            cloud.s3Client().putObject(b -> b.bucket(bucket).key("raw/streams/a.csv"), RequestBody.fromString("hello"));
            String body = cloud.s3Client().getObjectAsBytes(b -> b.bucket(bucket).key("raw/streams/a.csv")).asUtf8String();
            String table = cloud.createLedgerTable("standalone");
            cloud.dynamoDbClient().putItem(b -> b.tableName(table).item(Map.of(
                    LedgerSchema.OBJECT, AttributeValue.fromS("s3://" + bucket + "/raw/streams/a.csv"),
                    LedgerSchema.STAGE, AttributeValue.fromS("validate"))));
            int items = cloud.dynamoDbClient().scan(b -> b.tableName(table)).count();
            System.out.println("standalone ok: body=" + body + " items=" + items + " startUpMillis=" + startUpMillis);
        }
    }
}
