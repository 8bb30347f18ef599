package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.ITable;

class IngestFunctionsTest {
    private static Template template;
    private static IngestFunctions functions;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
        functions = DevStack.stack().functions();
    }

    @Nested
    class Configuration {
        @ParameterizedTest
        @ValueSource(strings = {"Validate", "Transform", "Load", "Publish"})
        void everyFunction_runsJavaOnArm64WithJsonLogsAndActiveTracing(String name) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", Match.stringLikeRegexp("io\\.backbeat\\.functions\\..*\\." + name + "Handler::handleRequest"),
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "TracingConfig", Map.of("Mode", "Active"),
                    "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
        }

        @Test
        void validate_readsOnlyTheLedgerNameAndRunsWithTieredCompilation() {
            assertEnvironment(functions.validate(), Map.of(EnvironmentVariables.LEDGER_TABLE, ref(ledger()),
                    "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:PretenureSizeThreshold=1m"));
        }

        @Test
        void transform_spillsToEphemeralStorageAndRunsWithTieredCompilation() {
            assertEnvironment(functions.transform(), Map.of(
                    EnvironmentVariables.LEDGER_TABLE, ref(ledger()),
                    EnvironmentVariables.SPILL_DIRECTORY, "/tmp",
                    "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:PretenureSizeThreshold=1m"));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", IngestFunctions.TRANSFORM_HANDLER,
                    "MemorySize", 1769,
                    "Timeout", 900,
                    "EphemeralStorage", Map.of("Size", 10240),
                    "SnapStart", Match.absent()));
        }

        @Test
        void load_knowsTheWarehouseTheCopyRoleAndTheStateMachine() {
            Warehouse warehouse = DevStack.stack().warehouse();
            assertEnvironment(functions.load(), Map.of(
                    EnvironmentVariables.LEDGER_TABLE, ref(ledger()),
                    EnvironmentVariables.WAREHOUSE_DATABASE, "backbeat",
                    EnvironmentVariables.WAREHOUSE_WORKGROUP, warehouse.workgroupName(),
                    EnvironmentVariables.COPY_ROLE_ARN, DevStack.ref(warehouse.copyRole().getRoleArn()),
                    EnvironmentVariables.STATE_MACHINE_ARN,
                    DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn())));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", IngestFunctions.LOAD_HANDLER,
                    "MemorySize", 512,
                    "Timeout", 900,
                    "ReservedConcurrentExecutions", Match.absent(),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }

        @Test
        void publish_knowsTheServingTableAndTheWarehouse() {
            assertEnvironment(functions.publish(), Map.of(
                    EnvironmentVariables.SERVING_TABLE, ref(serving()),
                    EnvironmentVariables.WAREHOUSE_DATABASE, "backbeat",
                    EnvironmentVariables.WAREHOUSE_WORKGROUP, DevStack.stack().warehouse().workgroupName()));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", IngestFunctions.PUBLISH_HANDLER, "MemorySize", 512, "Timeout", 300,
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }

        @Test
        void s3TriggeredAliases_sendFailedEventsToTheEncryptedDeadLetterQueueAfterTwoRetries() {
            for (DeployedFunction function : List.of(functions.validate(), functions.transform(), functions.load())) {
                template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                        "FunctionName", DevStack.ref(function.function().getFunctionName()),
                        "Qualifier", Match.anyValue(),
                        "MaximumRetryAttempts", 2,
                        "DestinationConfig", Map.of("OnFailure", Map.of(
                                "Destination", DevStack.ref(functions.deadLetters().getQueueArn())))));
            }
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                    "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        }

        @Test
        void handlers_existInTheDeploymentJar() throws Exception {
            try (ZipFile jar = new ZipFile(FunctionsJar.inRepository().path().toFile())) {
                for (String handler : List.of(IngestFunctions.VALIDATE_HANDLER, IngestFunctions.TRANSFORM_HANDLER,
                        IngestFunctions.LOAD_HANDLER, IngestFunctions.PUBLISH_HANDLER)) {
                    String entry = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
                    assertThat(jar.getEntry(entry)).as(entry).isNotNull();
                }
            }
        }

        private void assertEnvironment(DeployedFunction function, Map<String, Object> expected) {
            Map<String, Map<String, Object>> found = template.findResources("AWS::Lambda::Function");
            Object properties = found.get(DevStack.logicalId(function.function())).get("Properties");
            assertThat(properties).extracting("Environment").extracting("Variables").isEqualTo(expected);
        }
    }

    @Nested
    class Permissions {
        @Test
        void validate_readsRawAndWritesValidatedAndQuarantineOnly() {
            List<Map<String, Object>> statements = Policies.statements(template, functions.validate().role());

            assertThat(Policies.actionsOn(statements, Policies.objects("raw/*")))
                    .containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion");
            assertThat(Policies.actionsOn(statements, Policies.objects("validated/*"))).containsOnly(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, Policies.objects("quarantine/*"))).containsOnly(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, Policies.objects("*"))).isEmpty();
            assertThat(Policies.actionsOn(statements, Policies.objects("staged/*"))).isEmpty();
            assertThat(Policies.listedPrefixes(statements)).containsExactly("raw/*");
            assertThat(Policies.actionsOn(statements, ref(ledger(), "Arn")))
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        }

        @Test
        void transform_readsValidatedAndWritesStagedAndQuarantineOnly() {
            List<Map<String, Object>> statements = Policies.statements(template, functions.transform().role());

            assertThat(Policies.actionsOn(statements, Policies.objects("validated/*")))
                    .containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion");
            assertThat(Policies.listedPrefixes(statements)).containsExactly("validated/*");
            assertThat(Policies.actionsOn(statements, ref(ledger(), "Arn")))
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
            assertThat(Policies.actionsOn(statements, Policies.objects("staged/*"))).containsOnly(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, Policies.objects("quarantine/*"))).containsOnly(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, Policies.objects("raw/*"))).isEmpty();
            assertThat(Policies.actionsOn(statements, Policies.objects("*"))).isEmpty();
        }

        @Test
        void load_headsStagedWritesManifestsAndStartsOnlyTheKpiRefresh() {
            List<Map<String, Object>> statements = Policies.statements(template, functions.load().role());

            assertThat(Policies.actionsOn(statements, Policies.objects("staged/*")))
                    .containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion");
            assertThat(Policies.listedPrefixes(statements)).containsExactly("staged/*");
            assertThat(Policies.actionsOn(statements, Policies.objects("staged/_manifests/*"))).containsOnly(Policies.PUT_ACTIONS);
            assertThat(Policies.actionsOn(statements, Policies.objects("*"))).isEmpty();
            assertThat(Policies.actionsOn(statements,
                    DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn())))
                    .containsExactly("states:StartExecution");
            assertThat(Policies.actionsOn(statements, DevStack.ref(DevStack.stack().warehouse().workgroupArn())))
                    .containsExactlyInAnyOrder("redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement",
                            "redshift-serverless:GetCredentials");
            assertThat(Policies.actionsOn(statements, ref(ledger(), "Arn")))
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
            assertThat(Policies.actionsOn(statements, ref(serving(), "Arn"))).isEmpty();
        }

        @Test
        void publish_writesTheServingTableAndReadsStatementsOnly() {
            List<Map<String, Object>> statements = Policies.statements(template, functions.publish().role());

            assertThat(Policies.actionsOn(statements, ref(serving(), "Arn")))
                    .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:BatchWriteItem");
            assertThat(Policies.actionsOn(statements, ref(ledger(), "Arn"))).isEmpty();
            assertThat(statements).noneMatch(statement -> statement.toString().contains("s3:"));
            assertThat(Policies.actionsOn(statements, "*")).contains("redshift-data:GetStatementResult");
        }

        @Test
        void noFunction_scansOrDeletesItemsOrListsTheWholeBucket() {
            for (DeployedFunction function : functions.all()) {
                List<Map<String, Object>> statements = Policies.statements(template, function.role());

                assertThat(Policies.allActions(statements)).as(function.function().getNode().getId())
                        .doesNotContain("dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:PutItem", "s3:List*", "s3:GetObject*",
                                "s3:GetBucket*", "s3:DeleteObject");
                Policies.listedPrefixes(statements); // fails on a ListBucket without its prefix condition
            }
        }

        @Test
        void everyWildcardResource_isAnActionThatSupportsNoResourceLevelPermission() {
            for (DeployedFunction function : functions.all()) {
                assertThat(Policies.actionsOn(Policies.statements(template, function.role()), "*"))
                        .as(function.function().getNode().getId())
                        .isSubsetOf("xray:PutTraceSegments", "xray:PutTelemetryRecords", "redshift-data:DescribeStatement",
                                "redshift-data:GetStatementResult", "redshift-data:CancelStatement");
            }
        }

        @Test
        void roles_useNoManagedPolicyAndWriteOnlyTheirOwnLogGroup() {
            for (DeployedFunction function : functions.all()) {
                template.hasResourceProperties("AWS::IAM::Role", Map.of(
                        "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                                Match.objectLike(Map.of("Principal", Map.of("Service", "lambda.amazonaws.com"))))))),
                        "ManagedPolicyArns", Match.absent()));
                assertThat(Policies.actionsOn(Policies.statements(template, function.role()),
                        DevStack.ref(function.logGroup().getLogGroupArn())))
                        .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            }
        }
    }

    private static ITable ledger() {
        return DevStack.stack().tables().ledger();
    }

    private static ITable serving() {
        return DevStack.stack().tables().serving();
    }

    private static Object ref(ITable table) {
        return DevStack.ref(table.getTableName());
    }

    private static Object ref(ITable table, String attribute) {
        return Map.of("Fn::GetAtt", List.of(DevStack.logicalId(table), attribute));
    }
}
