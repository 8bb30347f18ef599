package io.backbeat.infra;

import io.backbeat.events.Zone;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.redshiftserverless.CfnNamespace;
import software.amazon.awscdk.services.redshiftserverless.CfnWorkgroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Redshift Serverless: a namespace (the data, its admin password generated and kept in Secrets Manager by
 * Redshift) and a workgroup (the compute) in private isolated subnets of its own VPC, not publicly accessible,
 * with enhanced VPC routing so COPY reaches S3 only through the VPC's S3 gateway endpoint. Nothing else runs in
 * the VPC: the functions and the state machine use the Redshift Data API, an AWS endpoint, so there is no NAT.
 *
 * <p>The namespace is retained when the stack is deleted or replaced. Its subnets are in the Availability Zones
 * {@link WarehouseProps#availabilityZones()} names, by default the first three of the stack's.
 *
 * <p>The pipeline reaches the database with IAM identities ({@link #grantStatements}): each role becomes the
 * database user {@code IAMR:<role name>}, whose grants the warehouse setup gives on every deploy
 * ({@link WarehouseSetup}).
 */
public final class Warehouse extends Construct {
    /** The logs the namespace exports to CloudWatch Logs. */
    static final List<String> AUDIT_LOGS = List.of("connectionlog", "userlog", "useractivitylog");

    private final Vpc vpc;
    private final Role copyRole;
    private final CfnNamespace namespace;
    private final Secret adminSecret;
    private final CfnWorkgroup workgroup;
    private final String databaseName;

    public Warehouse(Construct scope, String id, WarehouseProps props) {
        super(scope, id);
        databaseName = props.databaseName();
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Vpc.Builder network = Vpc.Builder.create(this, "Network");
        if (props.availabilityZones().isEmpty()) {
            // The first three of the stack's zones: see BackbeatStack#getAvailabilityZones.
            network.maxAzs(3);
        } else {
            network.availabilityZones(availabilityZones(props.availabilityZones()));
        }
        vpc = network
                .ipAddresses(IpAddresses.cidr(props.vpcCidr()))
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("warehouse").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3).build()))
                .flowLogs(Map.of("All", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL).build()))
                .build();
        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "WorkgroupSecurityGroup")
                .vpc(vpc)
                .description("Redshift Serverless workgroup: no inbound rules, the pipeline uses the Data API")
                .allowAllOutbound(true) // the isolated subnets route nowhere but to the S3 gateway endpoint
                .build();

        copyRole = Role.Builder.create(this, "CopyRole")
                .assumedBy(new CompositePrincipal(new ServicePrincipal("redshift.amazonaws.com"),
                        new ServicePrincipal("redshift-serverless.amazonaws.com")))
                .description("Assumed by Redshift to COPY staged files (and their manifests) from the landing bucket")
                .build();
        LandingBucket.grantReadObjects(props.landingBucket(), copyRole, LandingBucket.prefix(Zone.STAGED));

        // The admin's credentials in a secret of the stack, which the warehouse setup names to the Data API. Not
        // Redshift's own managed secret: CloudFormation returns no attribute with its ARN (the namespace's GetAtt
        // list has no AdminPasswordSecretArn), so the stack could not hand it to the setup.
        // The password satisfies Redshift's rules (8-64 characters, an upper-case letter, a lower-case letter and a
        // digit, none of ' " \ / @ or space: https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html) and
        // reaches the namespace as a dynamic reference that CloudFormation resolves, never as template text.
        adminSecret = Secret.Builder.create(this, "AdminSecret")
                .description("Admin of the Backbeat warehouse (Redshift Serverless); the warehouse setup signs in with it")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{\"username\":\"" + props.adminUsername() + "\"}")
                        .generateStringKey("password")
                        .passwordLength(32)
                        .excludePunctuation(true)
                        .requireEachIncludedType(true)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN) // it opens the retained namespace
                .build();
        Suppressions.adminSecret(adminSecret);
        String namespaceName = physicalName("ns");
        namespace = CfnNamespace.Builder.create(this, "Namespace")
                .namespaceName(namespaceName)
                .dbName(props.databaseName())
                .adminUsername(props.adminUsername())
                .adminUserPassword(adminSecret.secretValueFromJson("password").unsafeUnwrap())
                .iamRoles(List.of(copyRole.getRoleArn()))
                .defaultIamRoleArn(copyRole.getRoleArn())
                .logExports(AUDIT_LOGS)
                .build();
        // The data outlives the stack: deleting the stack, or an update that replaces the namespace, leaves it in
        // place (DeletionPolicy and UpdateReplacePolicy Retain). Deleting it is a deliberate step (docs/deploy-and-operate.md, Tear down).
        namespace.applyRemovalPolicy(RemovalPolicy.RETAIN);
        auditLogGroups(namespaceName, props.auditLogRetention());
        workgroup = CfnWorkgroup.Builder.create(this, "Workgroup")
                .workgroupName(physicalName("wg"))
                .namespaceName(namespace.getRef())
                .baseCapacity(props.baseCapacityRpu())
                .maxCapacity(props.maxCapacityRpu())
                .enhancedVpcRouting(true)
                .publiclyAccessible(false)
                .subnetIds(vpc.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                        .getSubnetIds())
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                .configParameters(List.of(
                        CfnWorkgroup.ConfigParameterProperty.builder().parameterKey("require_ssl").parameterValue("true").build(),
                        CfnWorkgroup.ConfigParameterProperty.builder()
                                .parameterKey("enable_user_activity_logging").parameterValue("true").build()))
                .build();
        Suppressions.bucketZones(copyRole, props.landingBucket(), List.of(LandingBucket.objectsIn(Zone.STAGED)));
    }

    /**
     * Zone names as the VPC takes them: a single letter is a zone of the stack's Region ({@code a} in
     * {@code eu-west-1} is {@code eu-west-1a}; the Region may be a token of an environment-agnostic stack), a full
     * name is taken as it is.
     */
    private List<String> availabilityZones(List<String> zones) {
        String region = Stack.of(this).getRegion();
        return zones.stream().map(zone -> zone.length() == 1 ? region + zone : zone).toList();
    }

    /**
     * The log groups Redshift Serverless exports this namespace's logs to, {@code /aws/redshift/<namespace>/<log
     * type>}, created here with a retention before the namespace exists: Redshift uses a group that exists and
     * otherwise creates one that never expires
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html). Retained with the namespace.
     */
    private void auditLogGroups(String namespaceName, RetentionDays retention) {
        for (String logType : AUDIT_LOGS) {
            LogGroup group = LogGroup.Builder.create(this, "AuditLog-" + logType)
                    .logGroupName(auditLogGroupName(namespaceName, logType))
                    .retention(retention)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            namespace.getNode().addDependency(group);
        }
    }

    /** Where Redshift Serverless writes a namespace's log of a type. */
    static String auditLogGroupName(String namespaceName, String logType) {
        return "/aws/redshift/" + namespaceName + "/" + logType;
    }

    /**
     * Lets {@code role} run statements on the workgroup through the Data API with IAM authentication (it becomes
     * the database user {@code IAMR:<role name>}, granted by the warehouse setup) and read the statements it ran.
     *
     * <p>The statement actions ({@code DescribeStatement}, {@code GetStatementResult}, {@code CancelStatement})
     * take no resource ARN, so they are granted on {@code *}; the Data API itself lets only the IAM role that ran a
     * statement see it (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html).
     */
    public void grantStatements(IRole role) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement",
                        "redshift-serverless:GetCredentials"))
                .resourceArns(List.of(workgroupArn()))
                .build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("redshift-data:DescribeStatement", "redshift-data:GetStatementResult",
                        "redshift-data:CancelStatement"))
                .resourceArns(List.of("*"))
                .build());
    }

    /** A name unique to this construct in its stack (Redshift requires one), lowercase as Redshift wants it. */
    private String physicalName(String suffix) {
        String unique = Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(40).separator("-").build());
        return (unique + "-" + suffix).toLowerCase(Locale.ROOT);
    }

    public String databaseName() {
        return databaseName;
    }

    public String workgroupName() {
        return workgroup.getWorkgroupName();
    }

    public String namespaceName() {
        return namespace.getNamespaceName();
    }

    public String workgroupArn() {
        return workgroup.getAttrWorkgroupWorkgroupArn();
    }

    /** The admin's secret ({@code username}, {@code password}), as the Data API reads it for a {@code SecretArn}. */
    public ISecret adminSecret() {
        return adminSecret;
    }

    /** The workgroup resource, for what must wait until it exists. */
    public CfnWorkgroup workgroup() {
        return workgroup;
    }

    /** The role the namespace COPYs with: read access to {@code staged/} only. */
    public IRole copyRole() {
        return copyRole;
    }

    public Vpc vpc() {
        return vpc;
    }
}
