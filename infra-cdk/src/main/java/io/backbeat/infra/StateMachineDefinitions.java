package io.backbeat.infra;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Amazon States Language of a state machine in a synthesized template, for tests, which read exactly what
 * {@code cdk deploy} would ship. CloudFormation renders the definition as an {@code Fn::Join} of text and references
 * (the ledger table, the publish alias, the publish role); the references are replaced by what the caller's resolver
 * returns. The stack has two state machines, told apart by the id of the construct that holds them
 * ({@link #KPI_REFRESH}, {@link #CATALOG_EXTRACT}), with which their logical ids begin.
 *
 * <pre>{@code
 * Map<String, Object> template = new ObjectMapper().readValue(BackbeatApp.synthesize(outdir).toFile(), Map.class);
 * String asl = StateMachineDefinitions.asl(template, StateMachineDefinitions.KPI_REFRESH, StateMachineDefinitions::placeholder);
 * }</pre>
 */
public final class StateMachineDefinitions {
    private static final String STATE_MACHINE = "AWS::StepFunctions::StateMachine";
    /** The construct id of {@code kpi-refresh} in the stack ({@link KpiStateMachine}). */
    public static final String KPI_REFRESH = "KpiRefresh";
    /** The construct id of {@code catalog-extract} in the stack ({@link CatalogExtraction}). */
    public static final String CATALOG_EXTRACT = "Catalog";

    private StateMachineDefinitions() {}

    /**
     * The definition of a state machine of {@code template}, references replaced by {@code resolver}.
     *
     * @param template the template as JSON objects (maps, lists, strings)
     * @param constructId the id of the construct holding the state machine in the stack, e.g. {@link #KPI_REFRESH}
     * @param resolver text for a reference such as {@code {"Ref": "AWS::Partition"}} or
     *     {@code {"Fn::GetAtt": ["FunctionsPublishRole…", "Arn"]}}
     * @throws IllegalArgumentException when the template holds no such state machine, or more than one
     */
    public static String asl(Map<String, Object> template, String constructId,
            Function<Map<String, Object>, String> resolver) {
        Map<String, Object> resources = map(template.get("Resources"));
        List<Map<String, Object>> machines = resources.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(constructId))
                .map(entry -> map(entry.getValue()))
                .filter(resource -> STATE_MACHINE.equals(resource.get("Type")))
                .toList();
        if (machines.size() != 1) {
            throw new IllegalArgumentException("expected one " + STATE_MACHINE + " of construct " + constructId
                    + " in the template, found " + machines.size());
        }
        Object definition = map(machines.get(0).get("Properties")).get("DefinitionString");
        return render(definition, resolver);
    }

    /**
     * A readable stand-in for a reference: {@code ${Logical.Attribute}}, {@code ${Logical}}, and the partition
     * {@code aws}, so that integration ARNs read as they do in AWS ({@code arn:aws:states:::lambda:invoke}).
     */
    public static String placeholder(Map<String, Object> reference) {
        if ("AWS::Partition".equals(reference.get("Ref"))) {
            return "aws";
        }
        if (reference.containsKey("Ref")) {
            return "${" + reference.get("Ref") + "}";
        }
        if (reference.get("Fn::GetAtt") instanceof List<?> attribute) {
            return "${" + String.join(".", attribute.stream().map(Object::toString).toList()) + "}";
        }
        return "${" + reference + "}";
    }

    private static String render(Object value, Function<Map<String, Object>, String> resolver) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.get("Fn::Join") instanceof List<?> join && join.size() == 2 && join.get(1) instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                text.append(i == 0 ? "" : join.get(0)).append(render(parts.get(i), resolver));
            }
            return text.toString();
        }
        return resolver.apply(intrinsic);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a JSON object in the template, got " + value);
        }
        return (Map<String, Object>) value;
    }
}
