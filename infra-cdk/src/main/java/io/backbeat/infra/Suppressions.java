package io.backbeat.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.IConstruct;

/**
 * The cdk-nag AwsSolutions findings this stack accepts, each applied to the one construct it is about (and, for
 * IAM wildcards, to the exact wildcard with {@code appliesTo}), with the reason a reviewer needs.
 */
final class Suppressions {
    static final String WILDCARD_PERMISSIONS = "AwsSolutions-IAM5";
    static final String MANAGED_POLICY = "AwsSolutions-IAM4";
    static final String QUEUE_WITHOUT_DLQ = "AwsSolutions-SQS3";
    private static final String ANY_RESOURCE = "Resource::*";

    private Suppressions() {}

    /**
     * A role's grants on zones of the landing bucket ({@link LandingBucket#grantReadObjects},
     * {@link LandingBucket#grantWriteObjects}): object actions on a key pattern.
     *
     * @param keyPatterns the zone patterns granted, e.g. {@code raw/*}
     */
    static void bucketZones(IRole role, IBucket bucket, List<String> keyPatterns) {
        String bucketArn = "<" + logicalId(bucket) + ".Arn>";
        List<String> appliesTo = keyPatterns.stream().map(pattern -> "Resource::" + bucketArn + "/" + pattern).toList();
        suppress(role, WILDCARD_PERMISSIONS, "Scoped to zones (key prefixes) of the landing bucket, never the whole"
                + " bucket: each stage reads its input zone and writes only its output zones; object keys are not known"
                + " in advance, so the grant is per prefix. ListBucket is limited to the same prefixes by s3:prefix.",
                appliesTo);
    }

    /** The operator policy's object grants: zones of the landing bucket, by key prefix. */
    static void operatorPolicy(software.amazon.awscdk.services.iam.ManagedPolicy policy, IBucket bucket) {
        String bucketArn = "<" + logicalId(bucket) + ".Arn>";
        List<String> appliesTo = List.of("raw/*", "validated/*", "staged/*", "quarantine/*").stream()
                .map(pattern -> "Resource::" + bucketArn + "/" + pattern).toList();
        suppress(policy, WILDCARD_PERMISSIONS, "Scoped to zones (key prefixes) of the landing bucket: operators upload"
                + " to raw/, replay objects of raw/, validated/ and staged/ by copying them onto themselves, and read the"
                + " quarantine. Object keys are not known in advance, so the grant is per prefix.", appliesTo);
    }

    /**
     * The Firehose delivery role's object grants on its two prefixes of the landing bucket.
     *
     * @param keyPatterns the granted key patterns, e.g. {@code raw/events/*}
     */
    static void eventDeliveryRole(IRole role, IBucket bucket, List<String> keyPatterns) {
        String bucketArn = "<" + logicalId(bucket) + ".Arn>";
        List<String> appliesTo = keyPatterns.stream().map(pattern -> "Resource::" + bucketArn + "/" + pattern).toList();
        suppress(role, WILDCARD_PERMISSIONS, "Firehose names each object it delivers at delivery time (a timestamp"
                + " path, the stream name and version, a UUID), so it may write under raw/events/ and, for records it"
                + " could not process, under firehose-errors/events/: nothing else of the bucket. ListBucket is limited"
                + " to the same prefixes by s3:prefix.", appliesTo);
    }

    /** A function role's {@code *}: X-Ray, and for load and publish the Data API's statement actions. */
    static void functionRole(IRole role, boolean dataApi) {
        suppress(role, WILDCARD_PERMISSIONS, "xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support"
                + " no resource-level permissions."
                + (dataApi ? " Neither do redshift-data:DescribeStatement, GetStatementResult and CancelStatement"
                        + " (a statement id is not an ARN); the Data API lets only the IAM role that ran a statement see it"
                        + " (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html). ExecuteStatement,"
                        + " BatchExecuteStatement and GetCredentials are granted on the workgroup only." : ""),
                List.of(ANY_RESOURCE));
    }

    /** The state machine role's {@code *}: log delivery and X-Ray. */
    static void stateMachineRole(IRole role) {
        suppress(role, WILDCARD_PERMISSIONS, "CloudWatch Logs vended-log delivery actions (logs:CreateLogDelivery,"
                + " PutResourcePolicy, ...) and X-Ray tracing actions support no resource-level permissions; CDK adds them"
                + " for logging level ALL and tracing. Everything else this role does is scoped: UpdateItem on the"
                + " ledger, InvokeFunction on the publish alias, AssumeRole of the publish role.", List.of(ANY_RESOURCE));
    }

    /**
     * The catalog-extract state machine's wildcards, on its role and on the policy CDK adds for the Distributed Map:
     * log delivery and X-Ray as for every state machine, the Map's child executions, qualified invocations of the
     * extract function, and the results prefix of the landing bucket.
     *
     * @param resultsPattern the key pattern the Map Runs' results are written under, e.g. {@code catalog-runs/*}
     * @param mapLabel the Distributed Map's label, which names its child executions
     */
    static void catalogStateMachine(StateMachine stateMachine, IFunction function, IBucket bucket, String resultsPattern,
            String mapLabel) {
        String bucketArn = "<" + logicalId(bucket) + ".Arn>";
        String executions = "Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:"
                + "{\"Fn::Select\":[6,{\"Fn::Split\":[\":\",{\"Ref\":\"" + logicalId(stateMachine) + "\"}]}]}";
        suppress(stateMachine, WILDCARD_PERMISSIONS, "CloudWatch Logs vended-log delivery and X-Ray actions support no"
                + " resource-level permissions. A Distributed Map runs its batches as child executions of this same"
                + " state machine, named by Step Functions when they start, so DescribeExecution, StopExecution and"
                + " RedriveExecution are granted on this state machine's executions only"
                + " (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#dist-map-permissions)."
                + " InvokeFunction is on the extract function and its versions (CDK's grant for the lambda:invoke"
                + " integration). The Map Runs' results are written under one prefix of the landing bucket, outside"
                + " every zone, with object names Step Functions chooses; the artist list is read by its exact key.",
                List.of(ANY_RESOURCE, "Resource::" + bucketArn + "/" + resultsPattern,
                        "Resource::<" + logicalId(function) + ".Arn>:*",
                        executions + ":*", executions + "/" + mapLabel + ":*"));
    }

    /** The catalogue API credentials are an external app's: Secrets Manager cannot rotate them. */
    static void catalogSecret(software.amazon.awscdk.services.secretsmanager.ISecret secret) {
        suppress(secret, "AwsSolutions-SMG4", "The client id and secret of an app registered with the music Web API:"
                + " only the API's developer dashboard can issue new ones, so a Secrets Manager rotation function has"
                + " nothing to call. Rotate by hand (reset the secret in the dashboard, then put-secret-value); only the"
                + " extract function may read it.", List.of());
    }

    /** The warehouse admin's secret is not rotated by the stack. */
    static void adminSecret(software.amazon.awscdk.services.secretsmanager.ISecret secret) {
        suppress(secret, "AwsSolutions-SMG4", "The Redshift Serverless admin's password: rotating it needs a rotation"
                + " function for Redshift, which the stack does not deploy yet. Only the warehouse setup function may read"
                + " the secret; the pipeline itself signs in with IAM (IAMR users), never with this password.", List.of());
    }

    static void deadLetterQueue(IQueue queue) {
        suppress(queue, QUEUE_WITHOUT_DLQ, "This queue is itself the dead-letter destination (on-failure destination of"
                + " the functions' asynchronous invocations); nothing consumes it automatically, so it needs no DLQ of its"
                + " own. The DeadLettersWaiting alarm fires as soon as a message arrives.", List.of());
    }

    /** CDK's singleton function that applies the bucket's notification configuration at deploy time. */
    static void bucketNotificationsHandler(Stack stack) {
        for (IConstruct child : stack.getNode().getChildren()) {
            if (child.getNode().getId().startsWith("BucketNotificationsHandler")) {
                suppress(child, MANAGED_POLICY, "CDK's BucketNotificationsHandler custom resource (it runs only during"
                        + " deployment to put the bucket's notification configuration) uses AWSLambdaBasicExecutionRole for"
                        + " its own logs; its only other permission is s3:PutBucketNotification on the landing bucket.",
                        List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
            }
        }
    }

    private static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (!appliesTo.isEmpty()) {
            suppression.appliesTo(List.copyOf(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }

    private static String logicalId(IConstruct construct) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        return Stack.of(construct).resolve(resource.getLogicalId()).toString();
    }
}
