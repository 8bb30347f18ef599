package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class OperatorAccessTest {
    private static Template template;
    private static BackbeatStack stack;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
        stack = DevStack.stack();
    }

    @Test
    void theOperatorPolicyGrantsExactlyWhatTheCommandsUseOnTheStacksOwnResources() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy", Map.of(
                "Properties", Map.of("Description", Match.stringLikeRegexp("Backbeat operator.*"))));
        assertThat(policies).hasSize(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                policies.values().iterator().next().get("Properties")).get("PolicyDocument")).get("Statement");

        assertThat(statements).extracting(s -> s.get("Sid")).containsExactly("ReadStackOutputs", "UploadAndReplay",
                "FindReplayable", "ReadQuarantine", "ReadLedger", "ReadKpis", "DrainDeadLetters");
        assertThat(statements).allSatisfy(s -> assertThat(s.get("Effect")).isEqualTo("Allow"));
        assertThat(statements).extracting(s -> s.get("Action")).containsExactly(
                "cloudformation:DescribeStacks",
                List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                "s3:ListBucket",
                "s3:GetObject",
                "dynamodb:Scan",
                "dynamodb:Query",
                List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"));
        String uploadResources = statements.get(1).get("Resource").toString();
        assertThat(uploadResources).contains("/raw/*", "/validated/*", "/staged/*").doesNotContain("quarantine");
        assertThat(statements.get(2).get("Resource")).isEqualTo(DevStack.ref(stack.bucket().bucket().getBucketArn()));
        assertThat(statements.get(2).get("Condition"))
                .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("raw/*", "validated/*", "staged/*"))));
        assertThat(statements.get(4).get("Resource")).isEqualTo(DevStack.ref(stack.tables().ledger().getTableArn()));
        assertThat(statements.get(5).get("Resource")).isEqualTo(DevStack.ref(stack.tables().serving().getTableArn()));
        assertThat(template.toJSON().toString()).doesNotContain("s3:DeleteObject\"");
    }
}
