package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackbeatAppTest {

    @Test
    void synthesize_writesTheStackTemplateIntoTheGivenDirectory(@TempDir Path outdir) throws Exception {
        Path template = BackbeatApp.synthesize(outdir);

        assertThat(template).isRegularFile().hasParent(outdir.toAbsolutePath()).hasFileName("Backbeat-dev.template.json");
        assertThat(Files.readString(template)).contains("AWS::StepFunctions::StateMachine");
    }
}
