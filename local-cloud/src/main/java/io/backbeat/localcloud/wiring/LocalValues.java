package io.backbeat.localcloud.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Values for a synthesized template's CloudFormation tokens ({@code Ref}, {@code Fn::GetAtt}) where the stack
 * runs outside AWS: the pseudo parameters, the names of the tables and bucket created for it, and plausible
 * ARNs for the rest. Pass it to {@link SynthesizedTemplate#stateMachineDefinition} or
 * {@link SynthesizedTemplate#resolve}.
 *
 * @param template the template whose tokens these are
 * @param region the region ARNs name
 * @param account the account ARNs name
 * @param tables the created table's name for each DynamoDB table's logical id
 * @param bucket the bucket standing in for the template's bucket
 * @param workgroup the Redshift workgroup standing in for the template's
 */
public record LocalValues(SynthesizedTemplate template, String region, String account, Map<String, String> tables,
        String bucket, String workgroup) implements Function<JsonNode, String> {

    public LocalValues {
        Objects.requireNonNull(template, "template");
        tables = Map.copyOf(tables);
    }

    @Override
    public String apply(JsonNode token) {
        String id = SynthesizedTemplate.logicalIdOf(token);
        switch (id) {
            case "AWS::Partition" -> {
                return "aws";
            }
            case "AWS::Region" -> {
                return region;
            }
            case "AWS::AccountId" -> {
                return account;
            }
            case "AWS::URLSuffix" -> {
                return "amazonaws.com";
            }
            default -> {
                // a resource of the template
            }
        }
        boolean arn = token.has("Fn::GetAtt") && token.get("Fn::GetAtt").get(1).asText().equals("Arn");
        return switch (template.typeOf(id)) {
            case "AWS::DynamoDB::Table" -> arn ? "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table(id) : table(id);
            case "AWS::Lambda::Function", "AWS::Lambda::Alias", "AWS::Lambda::Version" ->
                    "arn:aws:lambda:" + region + ":" + account + ":function:" + template.functionBehind(id);
            case "AWS::StepFunctions::StateMachine" -> "arn:aws:states:" + region + ":" + account + ":stateMachine:" + id;
            // Ref gives a role's name, GetAtt Arn its ARN; the name stands in for the name CloudFormation generates.
            case "AWS::IAM::Role" -> arn ? "arn:aws:iam::" + account + ":role/" + id : id;
            case "AWS::S3::Bucket" -> arn ? "arn:aws:s3:::" + bucket : bucket;
            case "AWS::RedshiftServerless::Workgroup" -> workgroup;
            default -> "local-" + id;
        };
    }

    private String table(String logicalId) {
        String name = tables.get(logicalId);
        if (name == null) {
            throw new IllegalStateException("no local table stands in for " + logicalId + "; tables: " + tables.keySet());
        }
        return name;
    }
}
