package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.Dataset;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.events.StackOutputs;
import io.backbeat.events.ZoneKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class CatalogExtractionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Template template;
    private static CatalogExtraction catalog;
    private static JsonNode definition;
    private static JsonNode map;
    private static JsonNode extractBatch;

    @BeforeAll
    static void synthesize() throws Exception {
        template = DevStack.template();
        catalog = DevStack.stack().catalog();
        definition = JSON.readTree(StateMachineDefinitions.asl(template.toJSON(), StateMachineDefinitions.CATALOG_EXTRACT,
                StateMachineDefinitions::placeholder));
        map = definition.path("States").path(CatalogExtraction.MAP);
        extractBatch = map.path("ItemProcessor").path("States").path(CatalogExtraction.EXTRACT_BATCH);
    }

    @Nested
    class Secret {
        @Test
        void secret_hasNoValueInTheTemplateOnlyAGeneratedPlaceholderOfTheExpectedShape() {
            Map<String, Map<String, Object>> secrets = template.findResources("AWS::SecretsManager::Secret",
                    Map.of("Properties", Map.of("GenerateSecretString", Match.objectLike(Map.of(
                            "GenerateStringKey", "client_secret")))));
            assertThat(secrets).containsOnlyKeys(DevStack.logicalId(catalog.secret()));
            Map<String, Object> secret = secrets.values().iterator().next();

            assertThat(secret).extracting("Properties").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .doesNotContainKey("SecretString")
                    .doesNotContainKey("KmsKeyId") // the AWS managed key aws/secretsmanager
                    .extracting("GenerateSecretString").isEqualTo(Map.of(
                            "SecretStringTemplate", "{\"client_id\":\"unset\"}", "GenerateStringKey", "client_secret"));
        }

        @Test
        void secret_outlivesTheStack() {
            template.hasResource("AWS::SecretsManager::Secret", Map.of(
                    "Properties", Match.objectLike(Map.of("GenerateSecretString", Match.objectLike(Map.of(
                            "GenerateStringKey", "client_secret")))),
                    "DeletionPolicy", "Retain",
                    "UpdateReplacePolicy", "Retain"));
        }
    }

    @Nested
    class Function {
        @Test
        void function_runsTheExtractHandlerUnderFifteenMinutesLikeTheOtherFunctions() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", "io.backbeat.functions.extract.ExtractHandler::handleRequest",
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "MemorySize", 512,
                    "Timeout", 840,
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
        }

        @Test
        void environment_namesTheBucketTheSecretAndTheEndpointsAndHoldsNoCredentials() {
            Object properties = template.findResources("AWS::Lambda::Function")
                    .get(DevStack.logicalId(catalog.function())).get("Properties");

            assertThat(properties).extracting("Environment").extracting("Variables").isEqualTo(Map.of(
                    EnvironmentVariables.LANDING_BUCKET, DevStack.ref(DevStack.stack().bucket().bucket().getBucketName()),
                    EnvironmentVariables.CATALOG_SECRET_ARN, DevStack.ref(catalog.secret().getSecretArn()),
                    EnvironmentVariables.CATALOG_API_BASE_URL, "https://api.spotify.com",
                    EnvironmentVariables.CATALOG_TOKEN_URL, "https://accounts.spotify.com/api/token"));
            assertThat(properties.toString()).doesNotContain("resolve:secretsmanager", "client_secret", "SecretString");
        }

        @Test
        void role_mayWriteUnderRawCatalogAndReadTheSecretAndNothingElseOfEither() {
            List<Map<String, Object>> statements = Policies.statements(template, catalog.role());

            assertThat(Policies.actionsOn(statements, Policies.objects("raw/catalog/*")))
                    .containsExactlyInAnyOrder(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, DevStack.ref(catalog.secret().getSecretArn())))
                    .containsExactly("secretsmanager:GetSecretValue");
            assertThat(Policies.allActions(statements)).containsExactlyInAnyOrder("s3:PutObject", "s3:AbortMultipartUpload",
                    "secretsmanager:GetSecretValue", "logs:CreateLogStream", "logs:PutLogEvents",
                    "xray:PutTraceSegments", "xray:PutTelemetryRecords");
            assertThat(Policies.listedPrefixes(statements)).isEmpty();
            assertThat(Policies.actionsOn(statements, "*")).containsExactlyInAnyOrder(
                    "xray:PutTraceSegments", "xray:PutTelemetryRecords");
        }

        @Test
        void filesWritten_areUploadsOfTheCatalogDatasetThatStartValidate() {
            String key = CatalogExtraction.OUTPUT_PREFIX + "9f1c2e7a-0b1c-4d5e-8f9a-0b1c2d3e4f5a/"
                    + "4Z8W4fKeB5YxbusRsdQVPb-0a1b2c3d4e5f.ndjson.gz";

            assertThat(ZoneKey.parse(key).dataset()).contains(Dataset.CATALOG);
            assertThat(Notifications.targetsOf(template, key))
                    .containsExactly(DevStack.ref(DevStack.stack().functions().validate().alias().getFunctionArn()));
        }

        @Test
        void theArtistListAndTheRunResults_startNoStage() {
            assertThat(Notifications.targetsOf(template, CatalogSettings.DEFAULT_ARTIST_LIST_KEY)).isEmpty();
            assertThat(Notifications.targetsOf(template, CatalogExtraction.RESULTS_PREFIX
                    + "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/SUCCEEDED_0.json")).isEmpty();
        }
    }

    @Nested
    class StateMachine {
        @Test
        void map_readsTheArtistListAsCsvWithTheGivenHeaderArtistId() {
            assertThat(definition.get("StartAt").asText()).isEqualTo(CatalogExtraction.MAP);
            assertThat(map.get("Type").asText()).isEqualTo("Map");
            JsonNode reader = map.get("ItemReader");
            assertThat(reader.get("Resource").asText()).isEqualTo("arn:aws:states:::s3:getObject");
            assertThat(reader.get("ReaderConfig")).isEqualTo(JSON.valueToTree(Map.of(
                    "InputType", "CSV", "CSVHeaderLocation", "GIVEN", "CSVHeaders", List.of("artist_id"))));
            assertThat(reader.get("Parameters")).isEqualTo(JSON.valueToTree(Map.of(
                    "Bucket", "${" + DevStack.logicalId(DevStack.stack().bucket().bucket()) + "}",
                    "Key", "config/catalog/artist-ids.txt")));
        }

        @Test
        void map_sendsFiftyArtistsABatchWithTheExecutionNameAsRunIdOneBatchAtATime() {
            assertThat(map.get("ItemBatcher")).isEqualTo(JSON.valueToTree(Map.of(
                    "MaxItemsPerBatch", 50, "BatchInput", Map.of("runId.$", "$$.Execution.Name"))));
            assertThat(map.get("MaxConcurrency").asInt()).isEqualTo(1);
            assertThat(map.get("ItemProcessor").get("ProcessorConfig")).isEqualTo(JSON.valueToTree(Map.of(
                    "Mode", "DISTRIBUTED", "ExecutionType", "STANDARD")));
        }

        @Test
        void map_toleratesAQuarterOfItsArtistsInFailedBatchesAndWritesEveryBatchResultOutsideTheZones() {
            assertThat(map.get("ToleratedFailurePercentage").asInt()).isEqualTo(25);
            assertThat(map.has("ToleratedFailureCount")).isFalse();
            assertThat(map.get("Label").asText()).isEqualTo(CatalogExtraction.MAP_LABEL);
            assertThat(map.get("ResultWriter").get("Resource").asText()).isEqualTo("arn:aws:states:::s3:putObject");
            assertThat(map.get("ResultWriter").get("Parameters").get("Prefix").asText()).isEqualTo("catalog-runs/");
        }

        @Test
        void map_retriesOnlyAnUnreadableListAndOtherwiseFailsWithTheCause() {
            assertThat(map.get("Retry")).hasSize(1);
            assertThat(map.get("Retry").get(0).get("ErrorEquals").get(0).asText()).isEqualTo("States.ItemReaderFailed");
            assertThat(map.get("Retry").get(0).get("JitterStrategy").asText()).isEqualTo("FULL");
            assertThat(map.get("Catch").get(0).get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
            assertThat(map.get("Catch").get(0).get("Next").asText()).isEqualTo(CatalogExtraction.FAILED);
            assertThat(map.get("Next").asText()).isEqualTo(CatalogExtraction.SUCCEEDED);
            JsonNode failed = definition.path("States").path(CatalogExtraction.FAILED);
            assertThat(failed.get("Type").asText()).isEqualTo("Fail");
            assertThat(failed.get("CausePath").asText()).isEqualTo("$.error.Cause");
        }

        @Test
        void extractBatch_invokesTheFunctionWithTheWholeBatchAndGivesUpBeforeFifteenMinutes() {
            assertThat(extractBatch.get("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(extractBatch.get("Parameters").get("FunctionName").asText())
                    .isEqualTo("${" + DevStack.logicalId(catalog.function()) + ".Arn}");
            assertThat(extractBatch.get("Parameters").get("Payload.$").asText()).isEqualTo("$");
            assertThat(extractBatch.get("TimeoutSeconds").asInt()).isGreaterThan(840).isLessThan(900);
        }

        @Test
        void extractBatch_retriesLambdaServiceErrorsWithJitterNeverATimeoutAndCatchesIntoAFailState() {
            List<String> retried = new ArrayList<>();
            extractBatch.get("Retry").forEach(retry -> {
                if (retry.path("MaxAttempts").asInt() > 0) {
                    assertThat(retry.get("JitterStrategy").asText()).isEqualTo("FULL");
                    assertThat(retry.get("BackoffRate").asDouble()).isGreaterThan(1);
                    retry.get("ErrorEquals").forEach(e -> retried.add(e.asText()));
                }
            });
            assertThat(retried).contains("Lambda.ServiceException", "Lambda.TooManyRequestsException", "States.TaskFailed");
            JsonNode first = extractBatch.get("Retry").get(0);
            assertThat(first.get("ErrorEquals").toString()).contains("Lambda.Unknown", "Sandbox.Timedout",
                    "io.backbeat.functions.extract.AuthenticationException");
            assertThat(first.get("MaxAttempts").asInt()).isZero();
            assertThat(extractBatch.get("Catch").get(0).get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
            assertThat(extractBatch.get("Catch").get(0).get("Next").asText()).isEqualTo(CatalogExtraction.BATCH_FAILED);
            assertThat(map.path("ItemProcessor").path("States").path(CatalogExtraction.BATCH_FAILED).get("Type").asText())
                    .isEqualTo("Fail");
        }

        @Test
        void role_readsTheArtistListKeyOnlyAndWritesOnlyUnderTheResultsPrefix() {
            List<Map<String, Object>> statements = Policies.statements(template, catalog.stateMachine().getRole());

            assertThat(Policies.actionsOn(statements, Policies.objects("config/catalog/artist-ids.txt")))
                    .containsExactly("s3:GetObject");
            assertThat(Policies.actionsOn(statements, Policies.objects("catalog-runs/*"))).containsExactlyInAnyOrder(
                    "s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload");
            List<Object> s3Resources = statements.stream()
                    .filter(s -> s.get("Action").toString().contains("s3:"))
                    .map(s -> s.get("Resource"))
                    .toList();
            assertThat(s3Resources).containsExactlyInAnyOrder(Policies.objects("config/catalog/artist-ids.txt"),
                    Policies.objects("catalog-runs/*"));
            assertThat(Policies.allActions(statements)).contains("lambda:InvokeFunction", "states:StartExecution")
                    .doesNotContain("s3:ListBucket", "s3:DeleteObject", "secretsmanager:GetSecretValue");
        }

        @Test
        void stateMachine_isStandardTracedLoggedUnderVendedLogsAndStopsBeforeTheNextDailyRun() {
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aws/vendedlogs/states/Backbeat-dev-catalog-extract"));
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                    "RoleArn", DevStack.ref(catalog.stateMachine().getRole().getRoleArn()),
                    "StateMachineType", "STANDARD",
                    "TracingConfiguration", Map.of("Enabled", true),
                    "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL"))));
            assertThat(definition.get("TimeoutSeconds").asInt()).isEqualTo(23 * 3600);
        }
    }

    @Nested
    class Schedule {
        @Test
        void schedule_startsTheStateMachineDailyAt3Utc() {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", "cron(0 3 * * ? *)",
                    "ScheduleExpressionTimezone", "Etc/UTC",
                    "State", "ENABLED",
                    "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                    "Target", Match.objectLike(Map.of(
                            "Arn", DevStack.ref(catalog.stateMachine().getStateMachineArn()),
                            "RoleArn", DevStack.ref(catalog.scheduleRole().getRoleArn()),
                            "Input", "{}"))));
        }

        @Test
        void scheduleRole_isAssumedBySchedulerOfThisAccountAndMayOnlyStartThisStateMachine() {
            template.hasResourceProperties("AWS::IAM::Role", Map.of(
                    "Description", "EventBridge Scheduler: starts the catalog-extract state machine",
                    "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                            "Action", "sts:AssumeRole", "Effect", "Allow",
                            "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))));
            List<Map<String, Object>> statements = Policies.statements(template, catalog.scheduleRole());

            assertThat(statements).containsExactly(Map.of("Action", "states:StartExecution", "Effect", "Allow",
                    "Resource", DevStack.ref(catalog.stateMachine().getStateMachineArn())));
        }
    }

    @Test
    void outputs_nameTheSecretTheStateMachineAndTheArtistList() {
        template.hasOutput(StackOutputs.CATALOG_SECRET_ARN, Map.of("Value", DevStack.ref(catalog.secret().getSecretArn())));
        template.hasOutput(StackOutputs.CATALOG_STATE_MACHINE_ARN,
                Map.of("Value", DevStack.ref(catalog.stateMachine().getStateMachineArn())));
        template.hasOutput(StackOutputs.CATALOG_ARTIST_LIST, Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "s3://", DevStack.ref(DevStack.stack().bucket().bucket().getBucketName()), "/config/catalog/artist-ids.txt")))));
    }

    @Nested
    class Settings {
        @Test
        void artistListKey_mayNotLieInAZoneWhereUploadsStartStages() {
            assertThatThrownBy(() -> CatalogSettings.defaults().withArtistListKey("raw/catalog/artists.txt"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("artistListKey must not be under a zone of the pipeline (raw/), where uploads start stages;"
                            + " got 'raw/catalog/artists.txt', use e.g. config/catalog/artist-ids.txt");
        }

        @Test
        void schedule_mustBeARateOrCronExpression() {
            assertThatThrownBy(() -> CatalogSettings.defaults().withSchedule("daily"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule must be an EventBridge Scheduler rate(...) or cron(...) expression, e.g."
                            + " cron(0 3 * * ? *) (daily at 03:00 UTC), got 'daily'");
        }

        @Test
        void urls_mustBeHttpWithoutCredentialsAndLoseATrailingSlash() {
            assertThat(CatalogSettings.defaults().withApiBaseUrl("http://fake-api.internal:8080/").apiBaseUrl())
                    .isEqualTo("http://fake-api.internal:8080");
            assertThatThrownBy(() -> CatalogSettings.defaults().withTokenUrl("https://id:secret@accounts.example/token"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("tokenUrl must be an absolute http(s) URL without user info, query or fragment");
        }

        @Test
        void artistsPerBatch_fitsAStepFunctionsPayload() {
            assertThatThrownBy(() -> CatalogSettings.defaults().withArtistsPerBatch(5_000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("artistsPerBatch must be within 1..1000, got 5000");
        }
    }
}
