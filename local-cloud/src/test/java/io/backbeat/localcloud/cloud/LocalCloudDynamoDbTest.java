package io.backbeat.localcloud.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.LedgerSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class LocalCloudDynamoDbTest {
    private final LocalCloud cloud = LocalCloud.shared();
    private final DynamoDbClient dynamoDb = cloud.dynamoDbClient();

    @Test
    void dynamoDbEndpoint_isLoopback() {
        assertThat(cloud.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(cloud.dynamoDbEndpoint().getPort()).isPositive();
    }

    @Test
    void createLedgerTable_usesLedgerKeySchemaAndOnDemandBilling() {
        String table = cloud.createLedgerTable("ledger");

        TableDescription description = dynamoDb.describeTable(b -> b.tableName(table)).table();

        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName(LedgerSchema.OBJECT).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(LedgerSchema.STAGE).keyType(KeyType.RANGE).build());
        assertThat(description.attributeDefinitions()).allSatisfy(
                definition -> assertThat(definition.attributeType()).isEqualTo(ScalarAttributeType.S));
        assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void createLedgerTable_returnsFreshNameWithPrefixEachCall() {
        String first = cloud.createLedgerTable("ledger");
        String second = cloud.createLedgerTable("ledger");

        assertThat(first).startsWith("ledger-").isNotEqualTo(second);
        assertThat(dynamoDb.listTables().tableNames()).contains(first, second);
    }

    @Test
    void createLedgerTable_rejectsPrefixDynamoDbWouldRefuse() {
        assertThatThrownBy(() -> cloud.createLedgerTable("ledger table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table prefix 'ledger table' must be letters, digits, '_', '-' and '.', at most 200 characters");
    }

    @Test
    void putItem_withAttributeNotExists_rejectsTheSecondWrite() {
        String table = cloud.createLedgerTable("ledger");
        Map<String, AttributeValue> item = Map.of(
                LedgerSchema.OBJECT, s("s3://landing/raw/streams/a.csv#etag"),
                LedgerSchema.STAGE, s("validate"),
                LedgerSchema.STATUS, s("RUNNING"));
        String condition = "attribute_not_exists(" + LedgerSchema.OBJECT + ")";
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression(condition));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void clientWithOtherCredentialsAndRegion_seesTheSameTables() {
        String table = cloud.createLedgerTable("ledger");

        try (DynamoDbClient other = cloud.dynamoDbClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "else")))
                .region(Region.EU_WEST_1)
                .build()) {
            assertThat(other.listTables().tableNames()).contains(table);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
