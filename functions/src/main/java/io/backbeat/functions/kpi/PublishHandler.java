package io.backbeat.functions.kpi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.backbeat.events.PublishRequest;
import io.backbeat.events.ServingSchema;
import io.backbeat.warehouse.KpiSql;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.aws.SnapStartPriming;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * Lambda entry point of publish, a task of the {@code kpi-refresh} state machine: copies one KPI
 * table's refreshed rows (the result of a statement the state machine ran) to the serving table.
 * Input and output are JSON objects: {@code {"refreshId", "table", "statementId"}} in,
 * {@code {"table", "items"}} out.
 */
public final class PublishHandler implements RequestHandler<Map<String, String>, Map<String, Object>> {
    private final StatementRunner warehouse;
    private final KpiPublisher publisher;
    /** Held for as long as the handler lives, since the CRaC context holds it weakly; null where no snapshot is taken. */
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime: clients are built once per container, and primed before a SnapStart snapshot. */
    public PublishHandler() {
        this(PublishConfig.fromEnvironment(), AwsClients.dynamoDb(), AwsClients.redshiftData());
    }

    private PublishHandler(PublishConfig config, DynamoDbClient dynamoDb, RedshiftDataClient redshift) {
        this(dynamoDb, new RedshiftDataStatementRunner(redshift, config.warehouse()), config.servingTable(),
                priming(config, dynamoDb, redshift).register());
    }

    /** For tests and local runs. */
    public PublishHandler(DynamoDbClient dynamoDb, StatementRunner warehouse, String servingTable) {
        this(dynamoDb, warehouse, servingTable, null);
    }

    private PublishHandler(DynamoDbClient dynamoDb, StatementRunner warehouse, String servingTable, SnapStartPriming priming) {
        this.warehouse = warehouse;
        this.publisher = new KpiPublisher(warehouse, dynamoDb, servingTable);
        this.priming = priming;
    }

    /**
     * What publish primes before a SnapStart snapshot: the description of a statement that does not exist (Redshift
     * Data) and a read of a serving-table key that no KPI has (DynamoDB).
     */
    static SnapStartPriming priming(PublishConfig config, DynamoDbClient dynamoDb, RedshiftDataClient redshift) {
        return SnapStartPriming.of("publish")
                .with("redshift-data", () -> redshift.describeStatement(r -> r.id(UUID.randomUUID().toString())))
                .with("dynamodb", () -> dynamoDb.getItem(r -> r.tableName(config.servingTable()).key(Map.of(
                        ServingSchema.PARTITION_KEY, AttributeValue.fromS("priming#1970-01-01"),
                        ServingSchema.SORT_KEY, AttributeValue.fromS("priming")))));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> input, Context context) {
        PublishRequest request = new PublishRequest(input.get("refreshId"), input.get("table"), input.get("statementId"));
        if (!KpiSql.PUBLISHED.contains(request.table())) {
            throw new IllegalArgumentException("'" + request.table() + "' is not a KPI table; expected one of " + KpiSql.PUBLISHED);
        }
        long items = publisher.publish(request.refreshId(), request.table(), warehouse.results(request.statementId()));
        return Map.of("table", request.table(), "items", items);
    }
}
