package io.backbeat.infra;

import io.backbeat.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * The warehouse made ready on every deploy, with no manual step: a function run by a CDK trigger once the
 * workgroup exists, and again whenever its code (the SQL included) or its settings change. As the namespace's
 * admin (through the admin's secret) it applies the migrations, creates the database users of the
 * load role and the refresh role ({@code IAMR:<role name>}) and grants them what they need, all idempotent
 * ({@code io.backbeat.functions.setup.SetupHandler}). A failure fails the deploy with the warehouse's error.
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.triggers-readme.html
 */
public final class WarehouseSetup extends Construct {
    static final String HANDLER = "io.backbeat.functions.setup.SetupHandler::handleRequest";

    private final Function function;
    private final Role role;

    /**
     * @param loadRole the role whose database user loads the tables
     * @param refreshRole the role the state machine's statements and publish run as
     */
    public WarehouseSetup(Construct scope, String id, FunctionsJar jar, Warehouse warehouse, IRole loadRole,
            IRole refreshRole, RetentionDays logRetention) {
        super(scope, id);
        JarFunction jarFunction = JarFunction.create(this, jar, logRetention, new JarFunction.Spec(
                "Backbeat warehouse setup: migrations, database users and grants, as the Redshift admin through its secret",
                HANDLER, 512, Duration.minutes(10), Map.of(
                        EnvironmentVariables.WAREHOUSE_DATABASE, warehouse.databaseName(),
                        EnvironmentVariables.WAREHOUSE_WORKGROUP, warehouse.workgroupName(),
                        EnvironmentVariables.WAREHOUSE_SECRET_ARN, warehouse.adminSecret().getSecretArn(),
                        EnvironmentVariables.LOAD_ROLE_NAME, loadRole.getRoleName(),
                        EnvironmentVariables.REFRESH_ROLE_NAME, refreshRole.getRoleName())));
        function = jarFunction.function();
        role = jarFunction.role();
        // The Data API reads the admin's secret with the caller's permissions:
        // https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"))
                .resourceArns(List.of(warehouse.workgroupArn()))
                .build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("redshift-data:DescribeStatement", "redshift-data:GetStatementResult"))
                .resourceArns(List.of("*"))
                .build());
        warehouse.adminSecret().grantRead(role);
        Trigger trigger = Trigger.Builder.create(this, "Trigger")
                .handler(function)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .timeout(Duration.minutes(10))
                .executeOnHandlerChange(true)
                .build();
        trigger.executeAfter(warehouse.workgroup());
        Suppressions.functionRole(role, true);
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }
}
