package io.backbeat.infra;

import java.util.List;
import io.backbeat.events.StackOutputs;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Token;
import software.constructs.Construct;

/**
 * The whole pipeline in one stack: {@link LandingBucket}, {@link EventDeliveryStream}, {@link PipelineTables}, {@link Warehouse},
 * {@link IngestFunctions}, {@link KpiStateMachine}, {@link CatalogExtraction} and {@link Operations}, wired together. Environment-agnostic:
 * account and region come from the credentials {@code cdk deploy} runs with.
 */
public final class BackbeatStack extends Stack {
    private final LandingBucket bucket;
    private final EventDeliveryStream events;
    private final PipelineTables tables;
    private final Warehouse warehouse;
    private final IngestFunctions functions;
    private final KpiStateMachine kpiRefresh;
    private final WarehouseSetup warehouseSetup;
    private final RefreshMonitor refreshMonitor;
    private final CatalogExtraction catalog;
    private final Operations operations;
    private final OperatorAccess operatorAccess;

    public BackbeatStack(Construct scope, String id, BackbeatStackProps props) {
        super(scope, id, StackProps.builder()
                .description("Backbeat " + props.environment() + ": serverless analytics pipeline for music-streaming data")
                .build());
        // Access logs reach their bucket through a bucket policy, not the legacy LogDeliveryWrite ACL.
        getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        Tags.of(this).add("project", "backbeat");
        Tags.of(this).add("environment", props.environment());

        bucket = new LandingBucket(this, "Landing", props.bucket());
        events = new EventDeliveryStream(this, "Events", EventDeliveryStream.Props.of(bucket.bucket(),
                props.tuning().logRetention()));
        tables = new PipelineTables(this, "Tables", props.tables());
        warehouse = new Warehouse(this, "Warehouse", WarehouseProps.of(bucket.bucket(), props.warehouse()));
        functions = new IngestFunctions(this, "Functions", new IngestFunctionsProps(props.functionsJar(), bucket, tables,
                warehouse, props.tuning()));
        bucket.addStageTriggers(new LandingBucket.StageTriggers(functions.validate().alias(), functions.transform().alias(),
                functions.load().alias()));
        kpiRefresh = new KpiStateMachine(this, "KpiRefresh", KpiStateMachineProps.of(warehouse, tables.ledger(),
                functions.publish()));
        functions.startsKpiRefresh(kpiRefresh.stateMachine());
        warehouseSetup = new WarehouseSetup(this, "WarehouseSetup", props.functionsJar(), warehouse,
                functions.load().role(), functions.publish().role(), props.tuning().logRetention());
        refreshMonitor = new RefreshMonitor(this, "RefreshMonitor", new RefreshMonitor.Props(props.functionsJar(),
                kpiRefresh.stateMachine(), tables.ledger(), props.tuning().logRetention()));
        catalog = new CatalogExtraction(this, "Catalog", new CatalogExtraction.Props(props.functionsJar(), bucket.bucket(),
                props.catalog(), props.tuning().logRetention()));
        operations = new Operations(this, "Operations", Operations.Props.of(functions, kpiRefresh.stateMachine(),
                refreshMonitor, events.stream(), catalog));

        operatorAccess = new OperatorAccess(this, "Operators", new OperatorAccess.Props(bucket.bucket(), tables.ledger(),
                tables.serving(), functions.deadLetters()));
        output(StackOutputs.BUCKET_NAME, bucket.bucket().getBucketName(),
                "Upload files to raw/{users,songs,streams,events}/ here");
        output(StackOutputs.LEDGER_TABLE, tables.ledger().getTableName(), "One item per object and stage");
        output(StackOutputs.SERVING_TABLE, tables.serving().getTableName(), "The published KPIs: pk = <kpi table>#<date>");
        output(StackOutputs.KPI_STATE_MACHINE_ARN, kpiRefresh.stateMachine().getStateMachineArn(), "The kpi-refresh state machine");
        output(StackOutputs.WAREHOUSE_WORKGROUP, warehouse.workgroupName(), "Redshift Serverless workgroup (Query Editor v2)");
        output(StackOutputs.WAREHOUSE_NAMESPACE, warehouse.namespaceName(), "Redshift Serverless namespace");
        output(StackOutputs.WAREHOUSE_DATABASE, warehouse.databaseName(), "Redshift database");
        output(StackOutputs.DEAD_LETTER_QUEUE_URL, functions.deadLetters().getQueueUrl(), "Failed S3 events, after retries");
        output(StackOutputs.ALARM_TOPIC_ARN, operations.alarmTopic().getTopicArn(), "Subscribe to receive the alarms");
        output(StackOutputs.OPERATOR_POLICY_ARN, operatorAccess.policy().getManagedPolicyArn(),
                "Attach to whoever runs backbeat upload, status, replay and kpis");
        output(StackOutputs.EVENTS_DELIVERY_STREAM_NAME, events.stream().getDeliveryStreamName(),
                "Amazon Data Firehose stream for app events (PutRecord, PutRecordBatch): one JSON object per record");
        output(StackOutputs.EVENTS_PRODUCER_POLICY_ARN, events.producerPolicy().getManagedPolicyArn(),
                "Attach to the apps that send events: PutRecord and PutRecordBatch on that stream only");
        output(StackOutputs.CATALOG_SECRET_ARN, catalog.secret().getSecretArn(),
                "Put the Web API app's credentials here: JSON {\"client_id\": ..., \"client_secret\": ...}");
        output(StackOutputs.CATALOG_STATE_MACHINE_ARN, catalog.stateMachine().getStateMachineArn(),
                "The catalog-extract state machine (aws stepfunctions start-execution)");
        output(StackOutputs.CATALOG_ARTIST_LIST, catalog.artistListUri(),
                "Upload the artist list here: one artist id a line");
        Suppressions.bucketNotificationsHandler(this);
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * Three Availability Zones even without an account and region: a Redshift Serverless workgroup needs subnets
     * in three, and CDK gives an environment-agnostic stack two ({@code Fn::Select} 0 and 1 of {@code Fn::GetAZs}).
     * Here they are the first three that {@code Fn::GetAZs} lists at deploy time: the Region's zones that have a
     * default subnet, or all of them when none has one, in alphabetical order
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
     * With an account and region, CDK looks the zones up (cached in {@code cdk.context.json}). The warehouse takes
     * its zones from {@link WarehouseProps#availabilityZones()} instead when some are given.
     */
    @Override
    public List<String> getAvailabilityZones() {
        if (!Token.isUnresolved(getRegion())) {
            return super.getAvailabilityZones();
        }
        return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()), Fn.select(2, Fn.getAzs()));
    }

    public LandingBucket bucket() {
        return bucket;
    }

    public EventDeliveryStream events() {
        return events;
    }

    public PipelineTables tables() {
        return tables;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public IngestFunctions functions() {
        return functions;
    }

    public KpiStateMachine kpiRefresh() {
        return kpiRefresh;
    }

    public RefreshMonitor refreshMonitor() {
        return refreshMonitor;
    }

    public OperatorAccess operatorAccess() {
        return operatorAccess;
    }

    public WarehouseSetup warehouseSetup() {
        return warehouseSetup;
    }

    public CatalogExtraction catalog() {
        return catalog;
    }

    public Operations operations() {
        return operations;
    }
}
