package io.backbeat.infra;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.ServingSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PipelineTablesTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
    }

    @Test
    void ledger_isKeyedByObjectAndStageWithAnExpiryAttribute() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "KeySchema", List.of(
                                Map.of("AttributeName", LedgerSchema.OBJECT, "KeyType", "HASH"),
                                Map.of("AttributeName", LedgerSchema.STAGE, "KeyType", "RANGE")),
                        "AttributeDefinitions", List.of(
                                Map.of("AttributeName", LedgerSchema.OBJECT, "AttributeType", "S"),
                                Map.of("AttributeName", LedgerSchema.STAGE, "AttributeType", "S")),
                        "TimeToLiveSpecification", Map.of("AttributeName", LedgerSchema.EXPIRES_AT, "Enabled", true))),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void serving_isKeyedByPartitionAndSortKey() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", ServingSchema.PARTITION_KEY, "KeyType", "HASH"),
                        Map.of("AttributeName", ServingSchema.SORT_KEY, "KeyType", "RANGE"))));
    }

    @Test
    void bothTables_areOnDemandRecoverableAndEncrypted() {
        for (String partitionKey : List.of(LedgerSchema.OBJECT, ServingSchema.PARTITION_KEY)) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "KeySchema", Match.arrayWith(List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"))),
                    "BillingMode", "PAY_PER_REQUEST",
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                    "SSESpecification", Map.of("SSEEnabled", true),
                    "DeletionProtectionEnabled", false, // dev; prod in EnvironmentSettingsTest
                    "TableName", Match.absent()));
        }
    }
}
