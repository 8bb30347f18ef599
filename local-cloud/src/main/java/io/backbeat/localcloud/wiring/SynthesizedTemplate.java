package io.backbeat.localcloud.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.StackOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the local cloud needs from the CloudFormation template {@code cdk synth} writes: which function
 * each bucket notification triggers, each function's handler and environment, the tables' key
 * schemas and the state machine's definition. Reading the same template {@code cdk deploy} ships is
 * what makes a local run test the deployed wiring.
 *
 * <pre>{@code
 * SynthesizedTemplate template = SynthesizedTemplate.read(Path.of("infra-cdk/target/cdk.out/Backbeat-dev.template.json"));
 * template.routes();   // raw/ + .csv -> FunctionsValidate..., ...
 * template.stateMachineDefinition(token -> localValueFor(token));
 * }</pre>
 *
 * @throws UncheckedIOException when the file cannot be read
 */
public final class SynthesizedTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode resources;
    private final JsonNode outputs;

    private SynthesizedTemplate(JsonNode template) {
        this.resources = template.path("Resources");
        this.outputs = template.path("Outputs");
        if (!resources.isObject() || resources.isEmpty()) {
            throw new IllegalArgumentException("not a CloudFormation template: no Resources");
        }
    }

    public static SynthesizedTemplate read(Path file) {
        try {
            return new SynthesizedTemplate(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the synthesized template " + file
                    + "; run ./backbeat build (or cdk synth) first", e);
        }
    }

    public static SynthesizedTemplate parse(String json) {
        try {
            return new SynthesizedTemplate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON template", e);
        }
    }

    /** A bucket notification: objects created under {@code prefix} ending in {@code suffix} invoke a function. */
    public record Route(String prefix, String suffix, String functionLogicalId) {
        public boolean matches(String key) {
            return key.startsWith(prefix) && key.endsWith(suffix);
        }
    }

    /** A Lambda function of the stack. */
    public record FunctionSpec(String logicalId, String handler, Map<String, JsonNode> environment) {
        /** The handler class, without the {@code ::method} part. */
        public String handlerClass() {
            int method = handler.indexOf("::");
            return method < 0 ? handler : handler.substring(0, method);
        }
    }

    /** A DynamoDB table of the stack and the attribute names of its key. */
    public record TableSpec(String logicalId, String partitionKey, String sortKey) {}

    /** Every ObjectCreated notification, each resolved to the function (not the alias or version) it invokes. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (JsonNode resource : resourcesOfType("Custom::S3BucketNotifications")) {
            for (JsonNode configuration : resource.path("Properties").path("NotificationConfiguration")
                    .path("LambdaFunctionConfigurations")) {
                boolean created = false;
                for (JsonNode event : configuration.path("Events")) {
                    created |= event.asText().startsWith("s3:ObjectCreated:");
                }
                if (!created) {
                    continue;
                }
                String prefix = "";
                String suffix = "";
                for (JsonNode rule : configuration.path("Filter").path("Key").path("FilterRules")) {
                    if (rule.path("Name").asText().equalsIgnoreCase("prefix")) {
                        prefix = rule.path("Value").asText();
                    } else if (rule.path("Name").asText().equalsIgnoreCase("suffix")) {
                        suffix = rule.path("Value").asText();
                    }
                }
                routes.add(new Route(prefix, suffix, functionBehind(logicalIdOf(configuration.path("LambdaFunctionArn")))));
            }
        }
        return List.copyOf(routes);
    }

    /** The Lambda functions of the stack, by logical id (CDK's own helper functions included). */
    public Map<String, FunctionSpec> functions() {
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        forEachResource("AWS::Lambda::Function", (id, resource) -> {
            JsonNode properties = resource.path("Properties");
            Map<String, JsonNode> environment = new LinkedHashMap<>();
            properties.path("Environment").path("Variables").fields()
                    .forEachRemaining(variable -> environment.put(variable.getKey(), variable.getValue()));
            functions.put(id, new FunctionSpec(id, properties.path("Handler").asText(""), environment));
        });
        return functions;
    }

    /** The logical id of the execution role of a function ({@code Role: {"Fn::GetAtt": [role, "Arn"]}}). */
    public String roleOf(String functionLogicalId) {
        JsonNode role = resources.path(functionLogicalId).path("Properties").path("Role");
        if (role.isMissingNode()) {
            throw new IllegalArgumentException("the template has no function " + functionLogicalId + " with a Role");
        }
        return logicalIdOf(role);
    }

    /** The function running {@code handlerClass}, by the class name in its {@code Handler}. */
    public FunctionSpec functionRunning(String handlerClass) {
        return functions().values().stream()
                .filter(f -> f.handlerClass().equals(handlerClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the template has no function running " + handlerClass));
    }

    public Map<String, TableSpec> tables() {
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        forEachResource("AWS::DynamoDB::Table", (id, resource) -> {
            String partition = null;
            String sort = null;
            for (JsonNode key : resource.path("Properties").path("KeySchema")) {
                if (key.path("KeyType").asText().equals("HASH")) {
                    partition = key.path("AttributeName").asText();
                } else {
                    sort = key.path("AttributeName").asText();
                }
            }
            tables.put(id, new TableSpec(id, partition, sort));
        });
        return tables;
    }

    /**
     * Logical id of the kpi-refresh state machine: the one the {@code KpiStateMachineArn} output names. (The stack's
     * other one, the catalogue extraction's Distributed Map, is not run locally: {@code backbeat catalog extract} runs
     * the extractor instead.)
     */
    public String stateMachineLogicalId() {
        List<String> ids = new ArrayList<>();
        forEachResource("AWS::StepFunctions::StateMachine", (id, resource) -> ids.add(id));
        JsonNode named = outputs.path(StackOutputs.KPI_STATE_MACHINE_ARN).path("Value");
        if (!named.isMissingNode()) {
            String id = logicalIdOf(named);
            if (ids.contains(id)) {
                return id;
            }
        }
        if (ids.size() != 1) {
            throw new IllegalStateException("expected the output " + StackOutputs.KPI_STATE_MACHINE_ARN
                    + " to name one of the state machines in the template, found " + ids);
        }
        return ids.get(0);
    }

    /**
     * The state machine's definition with every CloudFormation token ({@code Ref}, {@code Fn::GetAtt})
     * replaced by {@code resolver}'s local value for it.
     *
     * @param resolver given the token's JSON ({@code {"Ref": "X"}} or {@code {"Fn::GetAtt": ["X", "Arn"]}}), its value
     */
    public String stateMachineDefinition(Function<JsonNode, String> resolver) {
        JsonNode definition = resources.path(stateMachineLogicalId()).path("Properties").path("DefinitionString");
        return resolve(definition, resolver);
    }

    /** A property value as text: a plain string, or a {@code Fn::Join} of strings and resolved tokens. */
    public static String resolve(JsonNode value, Function<JsonNode, String> resolver) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            JsonNode join = value.get("Fn::Join");
            StringBuilder text = new StringBuilder();
            Iterator<JsonNode> parts = join.get(1).elements();
            boolean first = true;
            while (parts.hasNext()) {
                if (!first) {
                    text.append(join.get(0).asText());
                }
                first = false;
                text.append(resolve(parts.next(), resolver));
            }
            return text.toString();
        }
        return Objects.requireNonNull(resolver.apply(value), () -> "no local value for " + value);
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} token points at. */
    public static String logicalIdOf(JsonNode token) {
        if (token.has("Ref")) {
            return token.get("Ref").asText();
        }
        if (token.has("Fn::GetAtt")) {
            return token.get("Fn::GetAtt").get(0).asText();
        }
        throw new IllegalArgumentException("not a Ref or Fn::GetAtt: " + token);
    }

    public String typeOf(String logicalId) {
        return resources.path(logicalId).path("Type").asText();
    }

    /** The function an alias or version (or the function itself) runs, by logical id. */
    public String functionBehind(String logicalId) {
        String id = logicalId;
        while (!typeOf(id).equals("AWS::Lambda::Function")) {
            JsonNode properties = resources.path(id).path("Properties");
            JsonNode next = typeOf(id).equals("AWS::Lambda::Alias") || typeOf(id).equals("AWS::Lambda::Version")
                    ? properties.path("FunctionName")
                    : null;
            if (next == null || next.isMissingNode()) {
                throw new IllegalStateException("notification target " + id + " (" + typeOf(id) + ") is not a function");
            }
            id = logicalIdOf(next);
        }
        return id;
    }

    private List<JsonNode> resourcesOfType(String type) {
        List<JsonNode> found = new ArrayList<>();
        forEachResource(type, (id, resource) -> found.add(resource));
        return found;
    }

    private void forEachResource(String type, java.util.function.BiConsumer<String, JsonNode> action) {
        resources.fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                action.accept(entry.getKey(), entry.getValue());
            }
        });
    }
}
