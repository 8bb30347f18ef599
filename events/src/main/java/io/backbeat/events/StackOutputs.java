package io.backbeat.events;

/**
 * Names of the CloudFormation outputs of a Backbeat stack: the CDK stack declares them, the operator
 * commands ({@code backbeat upload}, {@code status}, {@code replay}, {@code kpis}) look them up by stack name.
 */
public final class StackOutputs {
    public static final String BUCKET_NAME = "BucketName";
    public static final String LEDGER_TABLE = "LedgerTable";
    public static final String SERVING_TABLE = "ServingTable";
    public static final String KPI_STATE_MACHINE_ARN = "KpiStateMachineArn";
    public static final String WAREHOUSE_WORKGROUP = "WarehouseWorkgroup";
    public static final String WAREHOUSE_NAMESPACE = "WarehouseNamespace";
    public static final String WAREHOUSE_DATABASE = "WarehouseDatabase";
    public static final String DEAD_LETTER_QUEUE_URL = "DeadLetterQueueUrl";
    public static final String ALARM_TOPIC_ARN = "AlarmTopicArn";
    public static final String OPERATOR_POLICY_ARN = "OperatorPolicyArn";
    /** The Amazon Data Firehose delivery stream apps send events to (PutRecord, PutRecordBatch). */
    public static final String EVENTS_DELIVERY_STREAM_NAME = "EventsDeliveryStreamName";
    /** The managed policy that lets an app put records into that stream, and nothing else. */
    public static final String EVENTS_PRODUCER_POLICY_ARN = "EventsProducerPolicyArn";
    /** The Secrets Manager secret the operator puts the catalogue API's client id and secret in. */
    public static final String CATALOG_SECRET_ARN = "CatalogSecretArn";
    /** The {@code catalog-extract} state machine, for {@code aws stepfunctions start-execution}. */
    public static final String CATALOG_STATE_MACHINE_ARN = "CatalogStateMachineArn";
    /** {@code s3://<bucket>/<key>} of the artist list the extraction reads. */
    public static final String CATALOG_ARTIST_LIST = "CatalogArtistList";
    /** The stack name {@code cdk deploy} gives the default stage. */
    public static final String DEFAULT_STACK = "Backbeat-dev";

    private StackOutputs() {}
}
