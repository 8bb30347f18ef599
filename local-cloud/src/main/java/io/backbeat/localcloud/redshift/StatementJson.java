package io.backbeat.localcloud.redshift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Data API's JSON shapes for statements and results, member names as the service model spells
 * them. Timestamps are epoch seconds with a fraction, as the AWS JSON protocol sends them.
 */
final class StatementJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatementJson() {}

    /** The response of ExecuteStatement and BatchExecuteStatement. */
    static ObjectNode submitted(StatementSnapshot statement) {
        ObjectNode json = NODES.objectNode();
        json.put("Id", statement.id());
        json.put("CreatedAt", seconds(statement.createdAt()));
        target(json, statement.target());
        return json;
    }

    static ObjectNode describe(StatementSnapshot statement) {
        ObjectNode json = NODES.objectNode();
        json.put("Id", statement.id());
        json.put("Status", statement.status().name());
        json.put("CreatedAt", seconds(statement.createdAt()));
        json.put("UpdatedAt", seconds(statement.updatedAt()));
        json.put("Duration", statement.durationNanos());
        putIfPresent(json, "Error", statement.error());
        json.put("HasResultSet", statement.hasResultSet());
        json.put("ResultRows", statement.resultRows());
        json.put("ResultSize", statement.resultSize());
        json.put("RedshiftPid", statement.redshiftPid());
        target(json, statement.target());
        if (statement.batch()) {
            ArrayNode subStatements = json.putArray("SubStatements");
            statement.parts().forEach(part -> subStatements.add(subStatement(statement.id(), part)));
        } else {
            StatementSnapshot.Part only = statement.parts().getFirst();
            json.put("QueryString", only.sql());
            json.put("RedshiftQueryId", only.redshiftQueryId());
            if (!statement.parameters().isEmpty()) {
                json.set("QueryParameters", parameters(statement.parameters()));
            }
        }
        return json;
    }

    private static ObjectNode subStatement(String id, StatementSnapshot.Part part) {
        ObjectNode json = NODES.objectNode();
        json.put("Id", id + ":" + part.number());
        json.put("Status", part.status().name());
        json.put("CreatedAt", seconds(part.createdAt()));
        json.put("UpdatedAt", seconds(part.updatedAt()));
        json.put("Duration", part.durationNanos());
        putIfPresent(json, "Error", part.error());
        json.put("QueryString", part.sql());
        json.put("HasResultSet", part.hasResultSet());
        json.put("ResultRows", part.resultRows());
        json.put("ResultSize", part.resultSize());
        json.put("RedshiftQueryId", part.redshiftQueryId());
        return json;
    }

    /** One entry of ListStatements. */
    static ObjectNode listed(StatementSnapshot statement) {
        ObjectNode json = NODES.objectNode();
        json.put("Id", statement.id());
        json.put("Status", statement.status().name());
        json.put("CreatedAt", seconds(statement.createdAt()));
        json.put("UpdatedAt", seconds(statement.updatedAt()));
        json.put("IsBatchStatement", statement.batch());
        putIfPresent(json, "StatementName", statement.statementName());
        putIfPresent(json, "SecretArn", statement.target().secretArn());
        if (statement.batch()) {
            ArrayNode queries = json.putArray("QueryStrings");
            statement.parts().forEach(part -> queries.add(part.sql()));
        } else {
            json.put("QueryString", statement.parts().getFirst().sql());
            if (!statement.parameters().isEmpty()) {
                json.set("QueryParameters", parameters(statement.parameters()));
            }
        }
        return json;
    }

    /** A page of GetStatementResult: rows {@code [from, to)} of {@code result}. */
    static ObjectNode resultPage(StatementResult result, int from, int to, String nextToken) {
        ObjectNode json = NODES.objectNode();
        ArrayNode records = json.putArray("Records");
        for (List<Object> row : result.rows().subList(from, to)) {
            ArrayNode fields = records.addArray();
            row.forEach(value -> fields.add(field(value)));
        }
        ArrayNode columns = json.putArray("ColumnMetadata");
        result.columns().forEach(column -> columns.add(column(column)));
        json.put("TotalNumRows", result.rows().size());
        putIfPresent(json, "NextToken", nextToken);
        return json;
    }

    private static ObjectNode field(Object value) {
        ObjectNode field = NODES.objectNode();
        switch (value) {
            case null -> field.put("isNull", true);
            case Long number -> field.put("longValue", number);
            case Double number -> field.put("doubleValue", number);
            case Boolean bool -> field.put("booleanValue", bool);
            case String text -> field.put("stringValue", text);
            default -> throw new IllegalArgumentException("no Field member for " + value.getClass());
        }
        return field;
    }

    private static ObjectNode column(StatementResult.Column column) {
        ObjectNode json = NODES.objectNode();
        json.put("name", column.name());
        json.put("label", column.label());
        json.put("typeName", column.typeName());
        json.put("nullable", column.nullable());
        json.put("precision", column.precision());
        json.put("scale", column.scale());
        json.put("length", column.length());
        json.put("isSigned", column.signed());
        json.put("isCaseSensitive", column.caseSensitive());
        json.put("isCurrency", column.currency());
        json.put("schemaName", column.schemaName() == null ? "" : column.schemaName());
        json.put("tableName", column.tableName() == null ? "" : column.tableName());
        return json;
    }

    private static ArrayNode parameters(Map<String, String> parameters) {
        ArrayNode json = NODES.arrayNode();
        new TreeMap<>(parameters).forEach((name, value) -> json.addObject().put("name", name).put("value", value));
        return json;
    }

    private static void target(ObjectNode json, ConnectionTarget target) {
        json.put("Database", target.database());
        putIfPresent(json, "WorkgroupName", target.workgroupName());
        putIfPresent(json, "ClusterIdentifier", target.clusterIdentifier());
        putIfPresent(json, "DbUser", target.dbUser());
        putIfPresent(json, "SecretArn", target.secretArn());
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
