package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class WarehouseTest {
    private static Template template;
    private static Warehouse warehouse;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
        warehouse = DevStack.stack().warehouse();
    }

    @Test
    void workgroup_isPrivateInThreeIsolatedSubnetsWithEnhancedVpcRouting() {
        List<Object> isolatedSubnets = warehouse.vpc().getIsolatedSubnets().stream()
                .map(subnet -> DevStack.ref(subnet.getSubnetId())).toList();

        assertThat(isolatedSubnets).hasSize(3);
        template.hasResourceProperties("AWS::RedshiftServerless::Workgroup", Map.of(
                "WorkgroupName", warehouse.workgroupName(),
                "NamespaceName", Map.of("Ref", template.findResources("AWS::RedshiftServerless::Namespace").keySet().iterator().next()),
                "PubliclyAccessible", false,
                "EnhancedVpcRouting", true,
                "SubnetIds", isolatedSubnets,
                "ConfigParameters", Match.arrayWith(List.of(Map.of("ParameterKey", "require_ssl", "ParameterValue", "true")))));
        assertThat(warehouse.vpc().getPublicSubnets()).isEmpty();
        assertThat(warehouse.vpc().getPrivateSubnets()).isEmpty();
        assertThat(template.findResources("AWS::EC2::NatGateway")).isEmpty();
        assertThat(template.findResources("AWS::EC2::InternetGateway")).isEmpty();
    }

    @Test
    void vpc_reachesS3ThroughAGatewayEndpointAndLogsItsFlows() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "VpcEndpointType", "Gateway",
                "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(".s3"))))))));
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC", "TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
    }

    @Test
    void namespace_keepsTheAdminPasswordInSecretsManagerAndCopiesWithItsOwnRole() {
        Object copyRoleArn = DevStack.ref(warehouse.copyRole().getRoleArn());

        template.hasResourceProperties("AWS::RedshiftServerless::Namespace", Map.of(
                "NamespaceName", warehouse.namespaceName(),
                "DbName", "backbeat",
                "ManageAdminPassword", Match.absent(),
                "AdminUserPassword", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        Match.stringLikeRegexp("\\{\\{resolve:secretsmanager:.*"))))))),
                "IamRoles", List.of(copyRoleArn),
                "DefaultIamRoleArn", copyRoleArn,
                "LogExports", List.of("connectionlog", "userlog", "useractivitylog")));
        assertThat(warehouse.namespaceName()).matches("[a-z0-9-]{3,64}").startsWith("backbeatdev-");
        assertThat(warehouse.workgroupName()).matches("[a-z0-9-]{3,64}").isNotEqualTo(warehouse.namespaceName());
    }

    @Test
    void namespace_isRetainedWhenTheStackIsDeletedOrReplacesIt() {
        template.hasResource("AWS::RedshiftServerless::Namespace", Map.of(
                "Properties", Match.objectLike(Map.of("NamespaceName", warehouse.namespaceName(),
                        "FinalSnapshotName", Match.absent())),
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void auditLogs_goToLogGroupsNamedAsRedshiftWritesThemWithARetention() {
        for (String logType : List.of("connectionlog", "userlog", "useractivitylog")) {
            template.hasResource("AWS::Logs::LogGroup", Map.of(
                    "Properties", Map.of(
                            "LogGroupName", "/aws/redshift/" + warehouse.namespaceName() + "/" + logType,
                            "RetentionInDays", 365),
                    "DeletionPolicy", "Retain"));
        }
        Map<String, Object> namespace = template.findResources("AWS::RedshiftServerless::Namespace").values().iterator().next();
        assertThat((List<?>) namespace.get("DependsOn")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void subnets_areInTheFirstThreeZonesOfTheRegionByDefault() {
        for (int zone = 0; zone < 3; zone++) {
            template.hasResourceProperties("AWS::EC2::Subnet", Map.of(
                    "AvailabilityZone", Map.of("Fn::Select", List.of(zone, Map.of("Fn::GetAZs", "")))));
        }
        assertThat(warehouse.vpc().getIsolatedSubnets()).hasSize(3);
    }

    @Test
    void copyRole_readsStagedOnly() {
        List<Map<String, Object>> statements = Policies.statements(template, warehouse.copyRole());

        assertThat(Policies.actionsOn(statements, Policies.objects("staged/*")))
                .containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion");
        assertThat(Policies.listedPrefixes(statements)).containsExactly("staged/*");
        assertThat(statements).allSatisfy(statement -> assertThat(statement.get("Resource").toString())
                .doesNotContain("/raw/", "/validated/", "/quarantine/"));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "redshift-serverless.amazonaws.com")))))))));
    }

    @Test
    void warehouseSetup_runsOnDeployAfterTheWorkgroupWithTheAdminSecretAndBothRoleNames() {
        WarehouseSetup setup = DevStack.stack().warehouseSetup();
        String functionId = DevStack.logicalId(setup.function());
        String secretId = DevStack.logicalId(DevStack.stack().warehouse().adminSecret());
        Map<String, Object> variables = Map.of(
                EnvironmentVariables.WAREHOUSE_SECRET_ARN, Map.of("Ref", secretId),
                EnvironmentVariables.LOAD_ROLE_NAME, Map.of("Ref", DevStack.logicalId(DevStack.stack().functions().load().role())),
                EnvironmentVariables.REFRESH_ROLE_NAME,
                Map.of("Ref", DevStack.logicalId(DevStack.stack().functions().publish().role())));
        Map<String, Object> function = template.findResources("AWS::Lambda::Function").get(functionId);
        assertThat(function).extracting("Properties").extracting("Handler").isEqualTo(WarehouseSetup.HANDLER);
        assertThat(function).extracting("Properties").extracting("Environment").extracting("Variables")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsAllEntriesOf(variables);
        Map<String, Map<String, Object>> triggers = template.findResources("Custom::Trigger");
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = triggers.values().iterator().next();
        assertThat(trigger.get("DependsOn").toString()).contains(DevStack.logicalId(DevStack.stack().warehouse().workgroup()));
        String version = template.findResources("AWS::Lambda::Version").entrySet().stream()
                .filter(entry -> entry.getValue().get("Properties").toString().contains("FunctionName={Ref=" + functionId + "}"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(trigger).extracting("Properties").extracting("HandlerArn").isEqualTo(Map.of("Ref", version));
    }

    @Test
    void warehouseSetupRole_readsOnlyTheAdminSecretAndRunsStatementsOnTheWorkgroup() {
        List<Map<String, Object>> statements = Policies.statements(template, DevStack.stack().warehouseSetup().role());
        assertThat(statements).filteredOn(statement -> statement.get("Action").toString().contains("secretsmanager"))
                .singleElement().satisfies(statement -> {
                    assertThat(statement.get("Action").toString()).contains("secretsmanager:GetSecretValue")
                            .doesNotContain("secretsmanager:PutSecretValue", "secretsmanager:*");
                    assertThat(statement.get("Resource")).isEqualTo(
                            Map.of("Ref", DevStack.logicalId(DevStack.stack().warehouse().adminSecret())));
                });
        assertThat(statements).filteredOn(statement -> statement.get("Action").toString().contains("ExecuteStatement"))
                .singleElement().satisfies(statement -> assertThat(statement.get("Resource").toString())
                        .contains("Workgroup.WorkgroupArn"));
    }
}
