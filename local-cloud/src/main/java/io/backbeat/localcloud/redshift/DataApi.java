package io.backbeat.localcloud.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redshift Data API operations over the statement registry and runner: requests and responses
 * as JSON trees, validation as the service does it (with its messages where they are known),
 * errors as {@link DataApiException}.
 */
final class DataApi {
    private static final Pattern STATEMENT_ID =
            Pattern.compile("([a-z0-9]{8}(?:-[a-z0-9]{4}){3}-[a-z0-9]{12})(?::(\\d+))?");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[0-9a-zA-Z_]+");
    private static final int MAX_BATCH = 40;
    private static final int MAX_LIST = 100;
    private static final String NO_RESULT = "Query does not have result. Please check query status with DescribeStatement.";

    private final String workgroup;
    private final StatementRegistry registry;
    private final SessionPool runner;
    private final IntSupplier resultPageSize;

    DataApi(String workgroup, StatementRegistry registry, SessionPool runner, IntSupplier resultPageSize) {
        this.workgroup = workgroup;
        this.registry = registry;
        this.runner = runner;
        this.resultPageSize = resultPageSize;
    }

    /**
     * Runs the operation named after {@code RedshiftData.} in the X-Amz-Target header.
     *
     * @param authorization the request's Authorization header, null when it has none
     */
    JsonNode handle(String operation, JsonNode request, String authorization) throws DataApiException {
        return switch (operation) {
            case "ExecuteStatement" -> executeStatement(request, authorization);
            case "BatchExecuteStatement" -> batchExecuteStatement(request, authorization);
            case "DescribeStatement" -> describeStatement(request);
            case "GetStatementResult" -> getStatementResult(request);
            case "CancelStatement" -> cancelStatement(request);
            case "ListStatements" -> listStatements(request);
            case "GetStatementResultV2", "ListDatabases", "ListSchemas", "ListTables", "DescribeTable", "ListSessions" ->
                    throw DataApiException.unsupported("operation " + operation);
            default -> throw DataApiException.unknownOperation("RedshiftData." + operation);
        };
    }

    private JsonNode executeStatement(JsonNode request, String authorization) throws DataApiException {
        String sql = requiredText(request, "Sql");
        ConnectionTarget target = target(request, authorization);
        Map<String, String> parameters = parameters(request, sql);
        return submit(request, target, parameters, false, List.of(sql));
    }

    private JsonNode batchExecuteStatement(JsonNode request, String authorization) throws DataApiException {
        JsonNode sqls = request.path("Sqls");
        if (!sqls.isArray() || sqls.isEmpty() || sqls.size() > MAX_BATCH) {
            throw DataApiException.validation("Sqls must be a list of 1 to " + MAX_BATCH + " SQL statements");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode sql : sqls) {
            if (!sql.isTextual() || sql.asText().isEmpty()) {
                throw DataApiException.validation("Sqls must hold non-empty strings");
            }
            texts.add(sql.asText());
        }
        return submit(request, target(request, authorization), Map.of(), true, texts);
    }

    private JsonNode submit(JsonNode request, ConnectionTarget target, Map<String, String> parameters, boolean batch,
            List<String> sqls) throws DataApiException {
        refuseUnsupportedOptions(request);
        String statementName = optionalText(request, "StatementName");
        StatementRegistry.Registration registration = registry.register(optionalText(request, "ClientToken"),
                sequence -> new Execution(UUID.randomUUID().toString(), sequence, target, statementName, parameters,
                        batch, sqls, Instant.now()));
        if (registration.created()) {
            runner.submit(registration.execution());
        }
        return StatementJson.submitted(registration.execution().snapshot());
    }

    private JsonNode describeStatement(JsonNode request) throws DataApiException {
        return StatementJson.describe(find(requiredText(request, "Id")).execution().snapshot());
    }

    private JsonNode getStatementResult(JsonNode request) throws DataApiException {
        String id = requiredText(request, "Id");
        Found found = find(id);
        StatementSnapshot statement = found.execution().snapshot();
        if (statement.batch() && found.part() == 0) {
            throw DataApiException.validation("Statement " + id + " is a batch: ask for the result of one of its"
                    + " sub-statements, " + id + ":1 to " + id + ":" + statement.parts().size());
        }
        StatementSnapshot.Part part = statement.parts().get(Math.max(found.part(), 1) - 1);
        if (part.status() != StatementStatus.FINISHED || part.result() == null) {
            throw DataApiException.resourceNotFound(id, NO_RESULT);
        }
        int total = part.result().rows().size();
        int from = pageStart(request, id, total);
        int to = (int) Math.min(total, (long) from + resultPageSize.getAsInt());
        String nextToken = to < total ? token(id, to) : null;
        return StatementJson.resultPage(part.result(), from, to, nextToken);
    }

    private JsonNode cancelStatement(JsonNode request) throws DataApiException {
        String id = requiredText(request, "Id");
        StatementStatus before;
        try {
            before = find(id).execution().cancel();
        } catch (SQLException e) {
            throw DataApiException.internal("Could not cancel statement " + id + ": " + e.getMessage());
        }
        if (before.isDone()) {
            throw DataApiException.validation("Could not cancel a query that is already in " + before + " state.");
        }
        return JsonNodeFactory.instance.objectNode().put("Status", true);
    }

    private JsonNode listStatements(JsonNode request) throws DataApiException {
        int maxResults = request.path("MaxResults").asInt(MAX_LIST);
        if (maxResults < 0 || maxResults > MAX_LIST) {
            throw DataApiException.validation("MaxResults must be between 0 and " + MAX_LIST + ", was " + maxResults);
        }
        int pageSize = maxResults == 0 ? MAX_LIST : maxResults;
        String status = statusFilter(request);
        String namePrefix = optionalText(request, "StatementName");
        String database = optionalText(request, "Database");
        String workgroupName = optionalText(request, "WorkgroupName");
        String cluster = optionalText(request, "ClusterIdentifier");
        String token = optionalText(request, "NextToken");
        long before = token == null ? Long.MAX_VALUE : tokenPosition(token, "list");

        List<StatementSnapshot> page = new ArrayList<>();
        boolean more = false;
        for (StatementSnapshot statement : registry.newestFirst()) {
            if (statement.sequence() >= before
                    || (status != null && statement.status() != StatementStatus.valueOf(status))
                    || (namePrefix != null && (statement.statementName() == null
                            || !statement.statementName().startsWith(namePrefix)))
                    || (database != null && !database.equals(statement.target().database()))
                    || (workgroupName != null && !workgroupName.equals(statement.target().workgroupName()))
                    || (cluster != null && !cluster.equals(statement.target().clusterIdentifier()))) {
                continue;
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(statement);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode statements = response.putArray("Statements");
        page.forEach(statement -> statements.add(StatementJson.listed(statement)));
        if (more) {
            response.put("NextToken", token("list", page.getLast().sequence()));
        }
        return response;
    }

    private ConnectionTarget target(JsonNode request, String authorization) throws DataApiException {
        String database = optionalText(request, "Database");
        String workgroupName = optionalText(request, "WorkgroupName");
        String cluster = optionalText(request, "ClusterIdentifier");
        if (workgroupName == null && cluster == null) {
            throw DataApiException.validation("Either ClusterIdentifier or WorkgroupName needs to be specified.");
        }
        if (workgroupName != null && cluster != null) {
            throw DataApiException.validation("Specify either ClusterIdentifier or WorkgroupName, not both.");
        }
        String name = workgroupName != null ? workgroupName : cluster;
        if (!workgroup.equals(name)) {
            throw DataApiException.validation((workgroupName != null ? "Workgroup " : "Cluster ") + name
                    + " not found: this local endpoint serves one warehouse, named '" + workgroup
                    + "' (LocalRedshift.workgroup()), as a workgroup or a cluster");
        }
        if (database == null) {
            throw DataApiException.validation("Database needs to be specified; the local warehouse has the database '"
                    + LocalPostgres.DATABASE + "'");
        }
        String dbUser = optionalText(request, "DbUser");
        String secretArn = optionalText(request, "SecretArn");
        return new ConnectionTarget(database, workgroupName, cluster, dbUser, secretArn,
                user(authorization, dbUser, secretArn));
    }

    /**
     * Who the statement runs as. With a secret, the user stored in it: here always the admin, as the
     * namespace's admin secret is the only one the stack has. With DbUser, that user (the admin is
     * {@code admin}; any other is created without privileges at first use). Otherwise the
     * database user of the caller's IAM identity, {@code IAMR:<role name>}
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html: "temporary credentials" of
     * the caller), or the admin for {@code LocalClients.CREDENTIALS} and for requests without a signature
     * (the local state-machine runner's).
     */
    private static DatabaseUser user(String authorization, String dbUser, String secretArn) throws DataApiException {
        IamCredentials.Caller caller = IamCredentials.caller(authorization);
        if (caller instanceof IamCredentials.Caller.Unknown unknown) {
            throw DataApiException.unrecognizedClient(unknown.accessKey());
        }
        if (secretArn != null) {
            return DatabaseUser.ADMIN;
        }
        if (dbUser != null) {
            try {
                return DatabaseUser.ofDbUser(dbUser);
            } catch (IllegalArgumentException e) {
                throw DataApiException.validation(e.getMessage());
            }
        }
        return caller instanceof IamCredentials.Caller.IamRole role ? DatabaseUser.ofIamRole(role.roleName())
                : DatabaseUser.ADMIN;
    }

    private static Map<String, String> parameters(JsonNode request, String sql) throws DataApiException {
        JsonNode list = request.path("Parameters");
        if (list.isMissingNode() || list.isNull() || list.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode parameter : list) {
            position++;
            String name = parameter.path("name").asText("");
            String value = parameter.path("value").asText("");
            if (!PARAMETER_NAME.matcher(name).matches()) {
                throw DataApiException.validation("1 validation error detected: Value '" + name + "' at 'parameters."
                        + position + ".member.name' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [0-9a-zA-Z_]+");
            }
            if (value.isEmpty()) {
                // The Data API cannot bind NULL or ''; write NULL (or NULLIF(:p, '-')) in the SQL instead.
                throw DataApiException.validation("1 validation error detected: Value '' at 'parameters." + position
                        + ".member.value' failed to satisfy constraint: Member must have length greater than or"
                        + " equal to 1");
            }
            if (parameters.put(name, value) != null) {
                throw DataApiException.validation("Parameters list contains duplicate parameter names: [" + name + "]");
            }
        }
        Set<String> unused = NamedParameters.unused(sql, parameters.keySet());
        if (!unused.isEmpty()) {
            throw DataApiException.validation("Parameters list contains unused parameters. Unused parameters: "
                    + unused);
        }
        return parameters;
    }

    private static void refuseUnsupportedOptions(JsonNode request) throws DataApiException {
        if (request.hasNonNull("SessionKeepAliveSeconds") || request.hasNonNull("SessionId")) {
            throw DataApiException.unsupported("sessions (SessionKeepAliveSeconds, SessionId); every statement runs"
                    + " in a session of its own");
        }
        String format = optionalText(request, "ResultFormat");
        if (format != null && !format.equals("JSON")) {
            throw DataApiException.unsupported("ResultFormat " + format);
        }
        if (request.path("WithEvent").asBoolean(false)) {
            throw DataApiException.unsupported("WithEvent (no EventBridge event is sent)");
        }
    }

    private static String statusFilter(JsonNode request) throws DataApiException {
        String status = optionalText(request, "Status");
        if (status == null || status.equals("ALL")) {
            return null;
        }
        try {
            return StatementStatus.valueOf(status).name();
        } catch (IllegalArgumentException e) {
            throw DataApiException.validation("Status must be one of SUBMITTED, PICKED, STARTED, FINISHED, ABORTED,"
                    + " FAILED, ALL; was " + status);
        }
    }

    /** A statement by its id; a batch's sub-statement id {@code id:N} finds the batch with {@code part} N. */
    private record Found(Execution execution, int part) {}

    private Found find(String id) throws DataApiException {
        Matcher matcher = STATEMENT_ID.matcher(id);
        if (!matcher.matches()) {
            throw DataApiException.validation("1 validation error detected: Value '" + id + "' at 'id' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern:"
                    + " ^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d+)?$");
        }
        Execution execution = registry.find(matcher.group(1))
                .orElseThrow(() -> DataApiException.resourceNotFound(id, "Query does not exist."));
        if (matcher.group(2) == null) {
            return new Found(execution, 0);
        }
        int part = Integer.parseInt(matcher.group(2));
        if (!execution.batch() || part < 1 || part > execution.partCount()) {
            throw DataApiException.resourceNotFound(id, "Query does not exist.");
        }
        return new Found(execution, part);
    }

    private static int pageStart(JsonNode request, String id, int total) throws DataApiException {
        String token = optionalText(request, "NextToken");
        if (token == null) {
            return 0;
        }
        long position = tokenPosition(token, id);
        if (position <= 0 || position >= total) {
            throw DataApiException.validation("NextToken is not valid for statement " + id);
        }
        return (int) position;
    }

    private static String token(String scope, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static long tokenPosition(String token, String scope) throws DataApiException {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            if (bar < 0 || !decoded.substring(0, bar).equals(scope)) {
                throw DataApiException.validation("NextToken was not issued for this request");
            }
            return Long.parseLong(decoded.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            throw DataApiException.validation("NextToken is not valid: " + token);
        }
    }

    private static String requiredText(JsonNode request, String member) throws DataApiException {
        String value = optionalText(request, member);
        if (value == null || value.isEmpty()) {
            throw DataApiException.validation("1 validation error detected: Value null at '"
                    + member.substring(0, 1).toLowerCase(Locale.ROOT) + member.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String optionalText(JsonNode request, String member) throws DataApiException {
        JsonNode value = request.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw DataApiException.validation(member + " must be a string");
        }
        return value.asText();
    }
}
