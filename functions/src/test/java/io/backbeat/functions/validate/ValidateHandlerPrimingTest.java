package io.backbeat.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Validate's SnapStart priming against the local cloud: every primer runs without AWS, and the handler still handles an event. */
class ValidateHandlerPrimingTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final String CSV = "user_id,track_id,listen_time\n1,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-25 10:00:00\n";

    @Test
    void priming_runsEveryPrimerAgainstTheLocalCloud_andAfterItTheHandlerProcessesAnUpload() {
        String bucket = CLOUD.createBucket("priming");
        ValidateConfig config = new ValidateConfig(CLOUD.createLedgerTable("ledger"));

        assertThat(ValidateHandler.priming(config, CLOUD.s3Client(), CLOUD.dynamoDbClient()).prime())
                .containsExactly(entry("s3-event", "ok"), entry("jackson", "ok"), entry("metrics-classes", "ok"), entry("dynamodb", "ok"),
                        entry("s3", "ok"));

        CLOUD.s3Client().putObject(r -> r.bucket(bucket).key("raw/streams/primed.csv"), RequestBody.fromString(CSV, StandardCharsets.UTF_8));
        List<ObjectOutcome> outcomes = new ValidateHandler(config, CLOUD.s3Client(), CLOUD.dynamoDbClient(), Clock.systemUTC())
                .handleRequest(S3EventFixtures.objectCreated(CLOUD.s3Client(), bucket, "raw/streams/primed.csv"), null);
        assertThat(outcomes).singleElement().extracting(ObjectOutcome::outcome).isEqualTo(ObjectOutcome.Kind.PROCESSED.name());
    }

    @Test
    void priming_passesOverAPrimerThatFails_namingItsException() {
        ValidateConfig config = new ValidateConfig("no-such-table");

        assertThat(ValidateHandler.priming(config, CLOUD.s3Client(), CLOUD.dynamoDbClient()).prime())
                .containsEntry("dynamodb", "ResourceNotFoundException").containsEntry("s3", "ok");
    }
}
