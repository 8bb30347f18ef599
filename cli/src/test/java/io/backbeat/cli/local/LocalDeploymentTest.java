package io.backbeat.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.ServingSchema;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.events.warehouse.KpiSql;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.fixtures.stepfunctions.ExecutionStatus;
import io.backbeat.fixtures.wiring.SynthesizedTemplate;
import io.backbeat.infra.BackbeatApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stack as CDK synthesizes it, run on the local cloud: files uploaded to the local bucket flow
 * through the template's notifications to the functions, and the template's state machine refreshes
 * and publishes the KPIs.
 */
class LocalDeploymentTest {
    private static final LocalDate LAB_DAY = LocalDate.of(2024, 6, 25);
    private static SynthesizedTemplate template;
    private static Path lab;

    @TempDir
    Path work;

    @BeforeAll
    static void synthesizeTheStack(@TempDir Path directory) {
        template = SynthesizedTemplate.read(BackbeatApp.synthesize(directory.resolve("cdk.out")));
        lab = LabSample.extractTo(directory.resolve("lab"));
    }

    @Test
    void theLabSampleUploadedInAnyOrderEndsInTheReferenceKpisTheServingTableAndTheLedger() throws Exception {
        List<String> files = new ArrayList<>(LabSample.FILES);
        Collections.shuffle(files, new Random(System.nanoTime()));
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            for (String file : files) {
                local.upload(rawKey(file), lab.resolve(file));
            }

            assertThat(local.settle(Duration.ofMinutes(5))).as("the pipeline settles").isTrue();

            assertThat(local.deadLetters()).isEmpty();
            assertThat(local.executions()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.refusal()).isNull();
                assertThat(e.result().status()).as(e.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            });
            KpiReference.Tables expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                    List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv")));
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)), expected);
            assertThat(served(local, KpiSql.HOURLY)).hasSize(expected.hourly().size());
            assertThat(served(local, KpiSql.DAILY_ENGAGEMENT).get("day").get("total_plays").n())
                    .isEqualTo(Long.toString(expected.dailyEngagement().get(0).totalPlays()));
            for (String file : files) {
                ZoneKey raw = ZoneKey.parse(rawKey(file));
                assertThat(status(local, raw.key(), Stage.VALIDATE)).isEqualTo(LedgerStatus.SUCCEEDED.name());
                assertThat(status(local, raw.validated().key(), Stage.TRANSFORM)).isEqualTo(LedgerStatus.SUCCEEDED.name());
                assertThat(status(local, raw.validated().staged().key(), Stage.LOAD)).isEqualTo(LedgerStatus.SUCCEEDED.name());
            }
            assertThat(statuses(local, Stage.KPI_REFRESH)).isNotEmpty().containsOnly(LedgerStatus.SUCCEEDED.name());
        }
    }

    @Test
    void aFailingRedshiftStatementIsRetriedThenTheFailureIsRecordedAndTheExecutionFailsWithItsError() throws Exception {
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
            try (Connection connection = connect(local); Statement statement = connection.createStatement()) {
                statement.execute("DROP PROCEDURE backbeat_refresh_kpis(VARCHAR)");
            }

            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.result().status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(execution.result().cause()).contains("backbeat_refresh_kpis").contains("does not exist");
                assertThat(execution.result().statesRetried()).isNotEmpty();
                assertThat(execution.result().statesEntered()).contains("Record failure");
            });
            assertThat(statuses(local, Stage.KPI_REFRESH)).containsExactly(LedgerStatus.FAILED.name());
        }
    }

    private static String rawKey(String file) {
        String dataset = file.startsWith("streams") ? "streams" : file.substring(0, file.indexOf('.'));
        return "raw/" + dataset + "/lab/" + file;
    }

    private static Connection connect(LocalDeployment local) {
        try {
            return local.redshift().connect();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, AttributeValue>> served(LocalDeployment local, String kpiTable) {
        Map<String, Map<String, AttributeValue>> items = new java.util.LinkedHashMap<>();
        local.dynamoDb().queryPaginator(r -> r.tableName(local.servingTable())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ServingSchema.partitionKey(kpiTable, LAB_DAY)))))
                .items().forEach(item -> items.put(item.get(ServingSchema.SORT_KEY).s(), item));
        return items;
    }

    /** The ledger status of the (only) version of {@code key} at {@code stage}. */
    private static String status(LocalDeployment local, String key, Stage stage) {
        List<String> found = new ArrayList<>();
        local.dynamoDb().scanPaginator(r -> r.tableName(local.ledgerTable())).items().forEach(item -> {
            if (item.get(LedgerSchema.KEY) != null && item.get(LedgerSchema.KEY).s().equals(key)
                    && item.get(LedgerSchema.STAGE).s().equals(stage.id())) {
                found.add(item.get(LedgerSchema.STATUS).s());
            }
        });
        assertThat(found).as("ledger items of " + key + " at " + stage.id()).hasSize(1);
        return found.get(0);
    }

    private static List<String> statuses(LocalDeployment local, Stage stage) {
        List<String> found = new ArrayList<>();
        local.dynamoDb().scanPaginator(r -> r.tableName(local.ledgerTable())).items().forEach(item -> {
            if (item.get(LedgerSchema.STAGE).s().equals(stage.id())) {
                found.add(item.get(LedgerSchema.STATUS).s());
            }
        });
        return found;
    }
}
