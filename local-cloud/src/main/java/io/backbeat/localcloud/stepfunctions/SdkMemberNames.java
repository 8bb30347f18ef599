package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Member names between a state machine and a service's wire format for AWS SDK integrations. Step
 * Functions writes every member in PascalCase, even where the API's own name is camelCase
 * (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html): the Redshift
 * Data API's SqlParameter is {@code {"name", "value"}} on the wire and {@code {"Name", "Value"}} in a
 * definition, and a GetStatementResult field's {@code longValue} is {@code LongValue} in the task's
 * result.
 */
final class SdkMemberNames {
    private SdkMemberNames() {}

    /**
     * The request for the wire: PascalCase names turned into the API's camelCase ones where the API
     * has them ({@code camelCaseMembers}).
     *
     * @throws IllegalArgumentException for a name that is not PascalCase, which Step Functions refuses
     *     when the state machine is created
     */
    static JsonNode toWire(JsonNode parameters, Set<String> camelCaseMembers, String path) {
        if (parameters.isArray()) {
            ArrayNode wire = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < parameters.size(); i++) {
                wire.add(toWire(parameters.get(i), camelCaseMembers, path + "[" + i + "]"));
            }
            return wire;
        }
        if (!parameters.isObject()) {
            return parameters;
        }
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : parameters.properties()) {
            String name = member.getKey();
            if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
                throw new IllegalArgumentException("parameter '" + name + "' at " + path + " is not PascalCase;"
                        + " AWS SDK integrations take every parameter name in PascalCase (write '"
                        + capitalized(name) + "')");
            }
            String camelCase = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            String wireName = camelCaseMembers.contains(camelCase) ? camelCase : name;
            wire.set(wireName, toWire(member.getValue(), camelCaseMembers, path + "." + name));
        }
        return wire;
    }

    /** The response as a task result: every member name in PascalCase. */
    static JsonNode fromWire(JsonNode body) {
        if (body.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            body.forEach(element -> result.add(fromWire(element)));
            return result;
        }
        if (!body.isObject()) {
            return body;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        body.properties().forEach(member -> result.set(capitalized(member.getKey()), fromWire(member.getValue())));
        return result;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
