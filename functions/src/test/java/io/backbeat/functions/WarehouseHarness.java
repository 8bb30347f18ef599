package io.backbeat.functions;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.events.ServingSchema;
import io.backbeat.events.ZoneKey;
import io.backbeat.localcloud.redshift.LocalRedshift;
import io.backbeat.functions.kpi.DirectKpiRefresh;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.kpi.KpiPublisher;
import io.backbeat.functions.kpi.KpiRefresh;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.load.LoadConfig;
import io.backbeat.functions.load.LoadHandler;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.StatementRunner;
import io.backbeat.functions.warehouse.WarehouseSetup;
import io.backbeat.functions.warehouse.WarehouseTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * The ingest harness plus the local Redshift (an empty schema per harness, set up as the stack's warehouse
 * setup does it) and a serving table, with the real load handler wired to them. As in the deployed stack,
 * load runs as the database user of its IAM role and the refresh as that of the refresh role, each with only
 * the grants the setup gives it; {@link #warehouse} is the admin.
 */
final class WarehouseHarness {
    static final LocalRedshift REDSHIFT = LocalRedshift.shared();
    static final String COPY_ROLE = "arn:aws:iam::000000000000:role/backbeat-local-copy";
    static final String LOAD_ROLE = "backbeat-local-load";
    static final String REFRESH_ROLE = "backbeat-local-refresh";
    private static final RedshiftDataClient LOAD_CLIENT = REDSHIFT.clientAs(LOAD_ROLE);
    private static final RedshiftDataClient REFRESH_CLIENT = REDSHIFT.clientAs(REFRESH_ROLE);

    final IngestHarness ingest = new IngestHarness();
    final String servingTable = IngestHarness.CLOUD.createServingTable("serving");
    final WarehouseTarget target = WarehouseTarget.serverless(REDSHIFT.database(), REDSHIFT.workgroup());
    final StatementRunner warehouse = new RedshiftDataStatementRunner(REDSHIFT.client(), target);
    final StatementRunner loadWarehouse = new RedshiftDataStatementRunner(LOAD_CLIENT, target);
    final StatementRunner refreshWarehouse = new RedshiftDataStatementRunner(REFRESH_CLIENT, target);
    final Path spill;

    WarehouseHarness(Path spill) {
        this.spill = spill;
        // A new schema as Redshift has it: all users may create and use objects in public (r_Privileges.html).
        sql("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public", "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC");
        new WarehouseSetup(warehouse).apply(LOAD_ROLE, REFRESH_ROLE);
    }

    LoadConfig loadConfig() {
        return new LoadConfig(ingest.ledgerTable, target, COPY_ROLE,
                "arn:aws:states:us-east-1:000000000000:stateMachine:unused-the-harness-refreshes-itself");
    }

    /** Load, refreshing and publishing the KPIs in this process after each load. */
    LoadHandler load() {
        return new LoadHandler(loadConfig(), ingest.s3, IngestHarness.CLOUD.dynamoDbClient(), loadWarehouse, ingest.clock,
                refresher(), LoadsInFlight.NONE);
    }

    /** Load, starting the refresh with {@code refresh} and marking itself in flight with {@code inFlight}. */
    LoadHandler load(KpiRefreshStarter refresh, LoadsInFlight inFlight) {
        return new LoadHandler(loadConfig(), ingest.s3, IngestHarness.CLOUD.dynamoDbClient(), loadWarehouse, ingest.clock,
                refresh, inFlight);
    }

    /** Load, starting no refresh. */
    LoadHandler loadWithoutRefresh() {
        return new LoadHandler(loadConfig(), ingest.s3, IngestHarness.CLOUD.dynamoDbClient(), loadWarehouse, ingest.clock,
                (refreshId, dates, objectId) -> {}, LoadsInFlight.NONE);
    }

    DirectKpiRefresh refresher() {
        return new DirectKpiRefresh(new KpiRefresh(refreshWarehouse),
                new KpiPublisher(refreshWarehouse, IngestHarness.CLOUD.dynamoDbClient(), servingTable));
    }

    /** Uploads a raw file and drives it through validate and transform; returns the staged key. */
    String stage(String rawKey, Path file) {
        S3Event upload = ingest.upload(rawKey, file);
        ingest.validate().handleRequest(upload, null);
        ZoneKey validated = ZoneKey.parse(rawKey).validated();
        ingest.transform(spill).handleRequest(ingest.event(validated.key()), null);
        return validated.staged().key();
    }

    /** Uploads a raw file and drives it through validate, transform and load; returns load's outcomes. */
    List<ObjectOutcome> ingest(String rawKey, Path file) {
        return drive(rawKey, ingest.upload(rawKey, file));
    }

    List<ObjectOutcome> ingest(String rawKey, byte[] content) {
        return drive(rawKey, ingest.upload(rawKey, content));
    }

    private List<ObjectOutcome> drive(String rawKey, S3Event upload) {
        ingest.validate().handleRequest(upload, null);
        ZoneKey validated = ZoneKey.parse(rawKey).validated();
        ingest.transform(spill).handleRequest(ingest.event(validated.key()), null);
        return load().handleRequest(ingest.event(validated.staged().key()), null);
    }

    /** Rows of a query run directly on the PostgreSQL behind the endpoint, column names to values. */
    List<Map<String, Object>> query(String sql) {
        try (Connection connection = REDSHIFT.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows of a query, each its values as text joined by {@code |} (null as {@code null}), for exact comparisons. */
    List<String> rowsAsText(String sql) {
        return query(sql).stream()
                .map(Map::values)
                .map(values -> String.join("|", values.stream().map(String::valueOf).toList()))
                .toList();
    }

    long count(String table) {
        return ((Number) query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    void sql(String... statements) {
        try (Connection connection = REDSHIFT.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    /** The serving table's items of one partition, by sort key. */
    Map<String, Map<String, AttributeValue>> served(String partition) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        IngestHarness.CLOUD.dynamoDbClient().queryPaginator(r -> r.tableName(servingTable).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                .items()
                .forEach(item -> items.put(item.get(ServingSchema.SORT_KEY).s(), item));
        return items;
    }
}
