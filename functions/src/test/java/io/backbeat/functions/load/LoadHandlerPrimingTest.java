package io.backbeat.functions.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.functions.aws.Lazy;
import io.backbeat.functions.warehouse.WarehouseTarget;
import io.backbeat.localcloud.cloud.LocalClients;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Load's SnapStart priming against the local cloud and Redshift: every primer runs, and none can fail the snapshot. */
class LoadHandlerPrimingTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final LocalRedshift REDSHIFT = LocalRedshift.shared();

    @Test
    void priming_callsEachServiceOnce_andPassesOverTheOneThatIsNotThere() {
        LoadConfig config = new LoadConfig(CLOUD.createLedgerTable("ledger"),
                WarehouseTarget.serverless(REDSHIFT.database(), REDSHIFT.workgroup()), "arn:aws:iam::000000000000:role/copy",
                "arn:aws:states:us-east-1:000000000000:stateMachine:kpi-refresh");
        // no Step Functions here: nothing listens on port 9, so its primer fails as a refused call would
        Lazy<SfnClient> sfn = Lazy.of(() -> LocalClients.configure(SfnClient.builder(), URI.create("http://127.0.0.1:9")).build());

        var outcomes = LoadHandler.priming(config, CLOUD.s3Client(), CLOUD.dynamoDbClient(), REDSHIFT.client(), sfn).prime();

        assertThat(outcomes).containsOnlyKeys("s3-event", "jackson", "metrics-classes", "dynamodb", "redshift-data", "s3", "sfn")
                .containsEntry("metrics-classes", "ok").containsEntry("dynamodb", "ok").containsEntry("s3", "ok").containsEntry("sfn", "SdkClientException");
        assertThat(sfn.isMade()).as("the priming builds the Step Functions client the handler builds lazily").isTrue();
    }
}
