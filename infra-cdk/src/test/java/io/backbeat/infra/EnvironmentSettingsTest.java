package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.events.StackOutputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A prod environment configured through the context as docs/configuration.md shows: zones, reserved concurrency, log
 * retention, and a catalogue extraction run by hand against a fake Web API.
 */
class EnvironmentSettingsTest {
    private static BackbeatStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = BackbeatApp.create(app(Map.of(
                BackbeatApp.ENVIRONMENT_CONTEXT, "prod",
                "availabilityZones", "a,b,d",
                "reservedConcurrency.load", "3",
                "warehouseLogRetentionDays", "90",
                "catalogArtistListKey", "lists/artists.csv",
                "catalogSchedule", "rate(12 hours)",
                "catalogScheduleEnabled", "false",
                "catalogApiBaseUrl", "http://fake-api.test:8080/",
                "catalogTokenUrl", "http://fake-api.test:8080/api/token",
                "catalogArtistsPerBatch", "20")));
        template = Template.fromStack(stack);
    }

    @Test
    void availabilityZones_placeTheWarehouseSubnetsInThoseZonesOfTheRegion() {
        for (String zone : List.of("a", "b", "d")) {
            template.hasResourceProperties("AWS::EC2::Subnet", Map.of(
                    "AvailabilityZone", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "AWS::Region"), zone)))));
        }
        assertThat(stack.warehouse().vpc().getIsolatedSubnets()).hasSize(3);
    }

    @Test
    void reservedConcurrency_isSetOnTheNamedFunctionOnly() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", IngestFunctions.LOAD_HANDLER, "ReservedConcurrentExecutions", 3));
        for (String handler : List.of(IngestFunctions.VALIDATE_HANDLER, IngestFunctions.TRANSFORM_HANDLER,
                IngestFunctions.PUBLISH_HANDLER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler, "ReservedConcurrentExecutions", Match.absent()));
        }
    }

    @Test
    void prodTables_haveDeletionProtection() {
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table",
                Map.of("Properties", Map.of("DeletionProtectionEnabled", true)));

        assertThat(tables).hasSize(2);
    }

    @Test
    void warehouseLogRetention_appliesToEveryAuditLog() {
        String namespace = stack.warehouse().namespaceName();
        for (String logType : List.of("connectionlog", "userlog", "useractivitylog")) {
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aws/redshift/" + namespace + "/" + logType, "RetentionInDays", 90));
        }
    }

    @Test
    void deletionProtection_canBeTurnedOnForAnotherStage() {
        BackbeatStackProps props = ContextSettings.apply(app(Map.of("deletionProtection", "true")).getNode(),
                BackbeatStackProps.of("dev", FunctionsJar.inRepository()));

        assertThat(props.tables().deletionProtection()).isTrue();
        assertThat(BackbeatStackProps.of("dev", FunctionsJar.inRepository()).tables().deletionProtection()).isFalse();
    }

    @Test
    void twoZones_failSynthesisWithHowToNameThree() {
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("availabilityZones", "a,b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("availabilityZones must name at least 3 distinct Availability Zones (a Redshift Serverless"
                        + " workgroup needs subnets in three), got [a, b]; e.g. -c availabilityZones=a,b,c, or leave it"
                        + " out for the first three of the Region");
    }

    @Test
    void aRetentionCloudWatchDoesNotOffer_failsSynthesis() {
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("warehouseLogRetentionDays", "100"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context warehouseLogRetentionDays must be a retention CloudWatch Logs accepts,"
                        + " one of [1, 3, 5, 7, 14, 30, 60, 90,")
                .hasMessageEndingWith("days, got '100'");
    }

    @Test
    void catalogSchedule_isKeptButDisabledWithTheExpressionGiven() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(12 hours)",
                "State", "DISABLED"));
    }

    @Test
    void catalogFunction_callsTheApiAndTokenUrlsGiven() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", CatalogExtraction.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        EnvironmentVariables.CATALOG_API_BASE_URL, "http://fake-api.test:8080",
                        EnvironmentVariables.CATALOG_TOKEN_URL, "http://fake-api.test:8080/api/token")))));
    }

    @Test
    void catalogStateMachine_readsTheArtistListGivenInBatchesOfTheSizeGiven() throws Exception {
        JsonNode map = new ObjectMapper().readTree(StateMachineDefinitions.asl(template.toJSON(),
                StateMachineDefinitions.CATALOG_EXTRACT, StateMachineDefinitions::placeholder)).path("States")
                .path(CatalogExtraction.MAP);

        assertThat(map.at("/ItemReader/Parameters/Key").asText()).isEqualTo("lists/artists.csv");
        assertThat(map.at("/ItemBatcher/MaxItemsPerBatch").asInt()).isEqualTo(20);
        template.hasOutput(StackOutputs.CATALOG_ARTIST_LIST, Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "s3://", stack.resolve(stack.bucket().bucket().getBucketName()), "/lists/artists.csv")))));
    }

    @Test
    void aCatalogSettingThatIsWrong_failsSynthesisNamingItsKey() {
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("catalogArtistListKey", "staged/artists.txt"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context catalogArtistListKey: artistListKey must not be under a zone of the"
                        + " pipeline (staged/)");
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("catalogScheduleEnabled", "yes"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context catalogScheduleEnabled must be true or false, got 'yes'");
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("catalogArtistsPerBatch", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context catalogArtistsPerBatch: artistsPerBatch must be within 1..1000, got 0");
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("catalogTokenUrl", "accounts.spotify.com/api/token"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context catalogTokenUrl: tokenUrl must be an absolute http(s) URL");
    }

    @Test
    void aReservationThatIsNotANumber_failsSynthesis() {
        assertThatThrownBy(() -> BackbeatApp.create(app(Map.of("reservedConcurrency.load", "five"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context reservedConcurrency.load must be a whole number, got 'five'");
    }

    private static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).analyticsReporting(false).build());
    }
}
