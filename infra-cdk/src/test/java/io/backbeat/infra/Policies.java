package io.backbeat.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;

/** Reads the statements of a role's inline policies out of a template. */
final class Policies {
    /** What {@code LandingBucket.grantWriteObjects} allows on a key pattern. */
    static final String[] PUT_ACTIONS = {"s3:PutObject", "s3:AbortMultipartUpload"};

    private Policies() {}

    /** Every statement of every {@code AWS::IAM::Policy} attached to {@code role}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template, IRole role) {
        Object roleRef = DevStack.ref(role.getRoleName());
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            if (((List<Object>) properties.get("Roles")).contains(roleRef)) {
                Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
                statements.addAll((List<Map<String, Object>>) document.get("Statement"));
            }
        });
        return statements;
    }

    /** The actions granted on exactly this resource (a statement's resource, or one of its resources). */
    static List<String> actionsOn(List<Map<String, Object>> statements, Object resource) {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            Object resources = statement.get("Resource");
            boolean matches = resources instanceof List<?> list ? list.contains(resource) : resource.equals(resources);
            if (matches && "Allow".equals(statement.get("Effect"))) {
                actions.addAll(list(statement.get("Action")));
            }
        }
        return actions;
    }

    /** The {@code s3:prefix} values of the role's {@code s3:ListBucket} statements on the landing bucket. */
    @SuppressWarnings("unchecked")
    static List<Object> listedPrefixes(List<Map<String, Object>> statements) {
        Object bucketArn = Map.of("Fn::GetAtt", List.of(DevStack.logicalId(DevStack.stack().bucket().bucket()), "Arn"));
        List<Object> prefixes = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            if (list(statement.get("Action")).contains("s3:ListBucket")) {
                if (!bucketArn.equals(statement.get("Resource")) || statement.get("Condition") == null) {
                    throw new AssertionError("s3:ListBucket without a prefix condition, or not on the bucket: " + statement);
                }
                Object values = ((Map<String, Map<String, Object>>) statement.get("Condition")).get("StringLike").get("s3:prefix");
                prefixes.addAll(values instanceof List<?> l ? l : List.of(values));
            }
        }
        return prefixes;
    }

    /** Every action a role is allowed, on any resource. */
    static List<String> allActions(List<Map<String, Object>> statements) {
        return statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).flatMap(s -> list(s.get("Action")).stream()).toList();
    }

    /** The ARN pattern of landing-bucket objects under a key pattern, as CDK renders it. */
    static Object objects(String keyPattern) {
        String bucket = DevStack.logicalId(DevStack.stack().bucket().bucket());
        return Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/" + keyPattern)));
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of(value.toString());
    }
}
