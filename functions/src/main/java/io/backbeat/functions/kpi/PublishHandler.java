package io.backbeat.functions.kpi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.backbeat.events.PublishRequest;
import io.backbeat.warehouse.KpiSql;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of publish, a task of the {@code kpi-refresh} state machine: copies one KPI
 * table's refreshed rows (the result of a statement the state machine ran) to the serving table.
 * Input and output are JSON objects: {@code {"refreshId", "table", "statementId"}} in,
 * {@code {"table", "items"}} out.
 */
public final class PublishHandler implements RequestHandler<Map<String, String>, Map<String, Object>> {
    private final StatementRunner warehouse;
    private final KpiPublisher publisher;

    /** Used by the Lambda runtime. */
    public PublishHandler() {
        this(PublishConfig.fromEnvironment());
    }

    private PublishHandler(PublishConfig config) {
        this(AwsClients.dynamoDb(), new RedshiftDataStatementRunner(AwsClients.redshiftData(), config.warehouse()),
                config.servingTable());
    }

    /** For tests and local runs. */
    public PublishHandler(DynamoDbClient dynamoDb, StatementRunner warehouse, String servingTable) {
        this.warehouse = warehouse;
        this.publisher = new KpiPublisher(warehouse, dynamoDb, servingTable);
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
