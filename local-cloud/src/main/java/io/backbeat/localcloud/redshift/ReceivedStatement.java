package io.backbeat.localcloud.redshift;

import java.util.Map;
import java.util.Objects;

/**
 * A Sql string as the endpoint received it, before any rewrite, with the parameters sent beside it.
 * Tests use these to assert that values travelled only as parameters.
 *
 * @param id the statement id, or {@code id:N} for the N-th Sql string of a batch
 * @param parameters the request's {@code Parameters}, by name; empty for a batch
 * @param user the database user it ran as: {@code admin}, or {@code IAMR:<role name>} for an IAM role's request
 */
public record ReceivedStatement(String id, String sql, Map<String, String> parameters, String user) {
    public ReceivedStatement {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(user, "user must not be null");
        parameters = Map.copyOf(parameters);
    }
}
