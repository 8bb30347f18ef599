package io.backbeat.events;

import java.util.Objects;

/**
 * What the state machine sends the publish function for one KPI table: the finished Redshift Data API
 * statement whose rows are that table's rows for the refreshed dates.
 *
 * @param refreshId the refresh (batch) id
 * @param table the KPI table, one of {@code KpiSql.TABLES}
 * @param statementId the Data API statement id whose result to publish
 */
public record PublishRequest(String refreshId, String table, String statementId) {
    public PublishRequest {
        Objects.requireNonNull(refreshId, "refreshId must not be null");
        Objects.requireNonNull(table, "table must not be null");
        Objects.requireNonNull(statementId, "statementId must not be null");
    }
}
