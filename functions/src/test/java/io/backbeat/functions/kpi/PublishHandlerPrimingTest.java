package io.backbeat.functions.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.functions.warehouse.WarehouseTarget;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import org.junit.jupiter.api.Test;

/** Publish's SnapStart priming against the local cloud and Redshift. */
class PublishHandlerPrimingTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final LocalRedshift REDSHIFT = LocalRedshift.shared();

    @Test
    void priming_readsTheServingTableAndAsksRedshiftForAStatementThatDoesNotExist() {
        PublishConfig config = new PublishConfig(CLOUD.createServingTable("serving"),
                WarehouseTarget.serverless(REDSHIFT.database(), REDSHIFT.workgroup()));

        var outcomes = PublishHandler.priming(config, CLOUD.dynamoDbClient(), REDSHIFT.client()).prime();

        assertThat(outcomes).containsOnlyKeys("s3-event", "jackson", "redshift-data", "dynamodb")
                .containsEntry("dynamodb", "ok").containsEntry("jackson", "ok").containsEntry("s3-event", "ok");
        assertThat(outcomes.get("redshift-data")).as("no such statement: refused, which primes the same path").isNotEqualTo("ok");
    }
}
