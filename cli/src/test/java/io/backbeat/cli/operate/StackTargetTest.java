package io.backbeat.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.cli.CommandRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed-stack path of the operator commands, as far as it goes without an AWS account: whatever
 * stops CloudFormation from answering (no network here, or credentials AWS refuses elsewhere), the command
 * names the stack and says what to do.
 */
class StackTargetTest {
    private static final Map<String, String> PROPERTIES = Map.of(
            "aws.accessKeyId", "AKIDEXAMPLENOTREAL", "aws.secretAccessKey", "not-a-real-secret", "aws.disableEc2Metadata", "true");

    @BeforeEach
    void credentialsAwsWillNotAccept() {
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterEach
    void clear() {
        PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Test
    void aStackCloudFormationCannotDescribeIsRefusedNamingItAndTheWayOut() {
        CommandRun run = CommandRun.of("status", "--stack", "Backbeat-nowhere", "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("stack Backbeat-nowhere").contains("--region").contains("--local");
    }
}
