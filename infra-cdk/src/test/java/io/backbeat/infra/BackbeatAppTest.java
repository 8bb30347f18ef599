package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class BackbeatAppTest {

    @Test
    void synthesize_writesTheStackTemplateIntoTheGivenDirectory(@TempDir Path outdir) throws Exception {
        Path template = BackbeatApp.synthesize(outdir, "test");

        assertThat(template).isRegularFile().hasParent(outdir.toAbsolutePath()).hasFileName("Backbeat-test.template.json");
        assertThat(Files.readString(template)).contains("AWS::StepFunctions::StateMachine", "backbeattest-warehouse-");
    }

    @Test
    void defaultOutdir_isTheTargetDirectoryOfThisModuleWhereverTheAppRuns() {
        Path outdir = BackbeatApp.defaultOutdir();

        assertThat(outdir).endsWithRaw(Path.of("infra-cdk", "target", "cdk.out")); // raw: cdk.out need not exist yet
        assertThat(outdir.getParent().getParent().resolve("cdk.json")).isRegularFile();
    }

    @Test
    void stack_synthesizesWithoutWarnings() {
        assertThat(Annotations.fromStack(DevStack.stack()).findWarning("*", Match.anyValue())).isEmpty();
        assertThat(Annotations.fromStack(DevStack.stack()).findError("*", Match.anyValue())).isEmpty();
    }

    @Test
    void create_namesTheMavenCommandWhenTheFunctionsJarIsMissing() {
        App app = new App(AppProps.builder().context(Map.of(FunctionsJar.CONTEXT_KEY, "/nonexistent/functions.jar")).build());

        assertThatThrownBy(() -> BackbeatApp.create(app))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Lambda deployment jar /nonexistent/functions.jar does not exist. Build it first, from the"
                        + " repository root: ./mvnw -pl functions -am package -DskipTests (./backbeat cdk-app builds it too),"
                        + " or point the context key functionsJar at a built jar.");
    }

    @Test
    void create_refusesAnEnvironmentThatCannotBePartOfResourceNames() {
        App app = new App(AppProps.builder().context(Map.of(BackbeatApp.ENVIRONMENT_CONTEXT, "Prod_1")).build());

        assertThatThrownBy(() -> BackbeatApp.create(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context environment must be 1 to 20 lowercase letters, digits and dashes, starting with a"
                        + " letter (it is part of resource names), got 'Prod_1'");
    }

    @Test
    void create_stillReadsTheOldContextKeyStageAndWarnsThatItIsNowEnvironment() {
        App app = new App(AppProps.builder().context(Map.of(BackbeatApp.OLD_ENVIRONMENT_CONTEXT, "prod")).build());

        BackbeatStack stack = BackbeatApp.create(app);

        assertThat(stack.getStackName()).isEqualTo("Backbeat-prod");
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(
                ".*the context key stage is now environment.*use -c environment=prod.*"))).hasSize(1);
    }

    @Test
    void create_refusesTheOldAndTheNewContextKeyWhenTheyDisagree() {
        App app = new App(AppProps.builder().context(Map.of(BackbeatApp.ENVIRONMENT_CONTEXT, "prod",
                BackbeatApp.OLD_ENVIRONMENT_CONTEXT, "dev")).build());

        assertThatThrownBy(() -> BackbeatApp.create(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context environment=prod and stage=dev disagree");
    }
}
