package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class AwsSolutionsNagTest {
    private static Annotations annotations;

    @BeforeAll
    static void checkTheStack() {
        BackbeatStack stack = DevStack.create();
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        annotations = Annotations.fromStack(stack);
    }

    @Test
    void awsSolutions_leavesNoUnsuppressedError() {
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors).as(() -> describe(errors)).isEmpty();
    }

    @Test
    void awsSolutions_leavesNoUnsuppressedWarning() {
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(warnings).as(() -> describe(warnings)).isEmpty();
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n", "\n", "\n"));
    }
}
