package io.backbeat.localcloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SynthesizedTemplateTest {
    private final SynthesizedTemplate template = SynthesizedTemplate.read(resource());

    private static Path resource() {
        try {
            return Path.of(SynthesizedTemplateTest.class.getResource("/wiring/template.json").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void routesFollowAliasesToTheirFunctionAndKeepOnlyObjectCreatedEvents() {
        assertThat(template.routes()).containsExactly(
                new SynthesizedTemplate.Route("raw/", ".csv", "FunctionsValidate1"),
                new SynthesizedTemplate.Route("staged/", ".zst", "FunctionsLoad1"));
        assertThat(template.routes().get(0).matches("raw/streams/a.csv")).isTrue();
        assertThat(template.routes().get(0).matches("raw/streams/a.csv.gz")).isFalse();
        assertThat(template.routes().get(1).matches("staged/_manifests/x.manifest")).isFalse();
    }

    @Test
    void functionsCarryTheirHandlerClassAndEnvironment() {
        SynthesizedTemplate.FunctionSpec load = template.functionRunning("io.backbeat.functions.load.LoadHandler");

        assertThat(load.logicalId()).isEqualTo("FunctionsLoad1");
        assertThat(load.environment().get("BACKBEAT_WAREHOUSE_DATABASE").asText()).isEqualTo("backbeat");
        assertThat(SynthesizedTemplate.logicalIdOf(load.environment().get("BACKBEAT_STATE_MACHINE_ARN"))).isEqualTo("StateMachine1");
        assertThat(template.tables().get("TablesLedger1")).isEqualTo(new SynthesizedTemplate.TableSpec("TablesLedger1", "object_id", "stage"));
    }

    @Test
    void theDefinitionIsJoinedWithLocalValuesForItsTokens() throws Exception {
        String definition = template.stateMachineDefinition(token -> "local-" + SynthesizedTemplate.logicalIdOf(token));

        var json = new ObjectMapper().readTree(definition);
        assertThat(json.at("/States/Publish/Parameters/FunctionName").asText()).isEqualTo("local-FunctionsLoad1");
        assertThat(json.at("/States/Publish/Comment").asText()).isEqualTo("table local-TablesLedger1");
    }

    @Test
    void aMissingTemplateSaysHowToMakeOne() {
        assertThatThrownBy(() -> SynthesizedTemplate.read(Path.of("no/such/template.json")))
                .hasMessageContaining("run ./backbeat build");
    }
}
