package io.backbeat.infra;

import io.backbeat.events.Zone;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * A managed policy with exactly what the operator commands need ({@code backbeat upload}, {@code status},
 * {@code replay}, {@code kpis}): attach it to the people or CI roles that operate the pipeline. Reading the
 * stack's outputs; writing uploads to {@code raw/} and copying objects of {@code raw/}, {@code validated/} and
 * {@code staged/} onto themselves (a replay), and listing those prefixes (so that a missing key is reported as
 * such); reading the quarantine; scanning the ledger; querying the serving
 * table; draining the dead-letter queue. Nothing else: no delete, no other zone, no table writes.
 */
public final class OperatorAccess extends Construct {
    private final ManagedPolicy policy;

    /** What the commands touch. */
    public record Props(IBucket bucket, ITable ledger, ITable serving, IQueue deadLetters) {
        public Props {
            Objects.requireNonNull(bucket, "bucket must not be null");
            Objects.requireNonNull(ledger, "ledger must not be null");
            Objects.requireNonNull(serving, "serving must not be null");
            Objects.requireNonNull(deadLetters, "deadLetters must not be null");
        }
    }

    public OperatorAccess(Construct scope, String id, Props props) {
        super(scope, id);
        IBucket bucket = props.bucket();
        List<Zone> replayableZones = List.of(Zone.RAW, Zone.VALIDATED, Zone.STAGED);
        List<String> replayable = replayableZones.stream()
                .map(zone -> bucket.arnForObjects(LandingBucket.objectsIn(zone))).toList();
        // replay HEADs the object first: with the list right a missing key answers 404 (NoSuchKey, "not in the
        // bucket"), without it 403 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html)
        PolicyStatement findReplayable = LandingBucket.listPrefixes(bucket,
                replayableZones.stream().map(LandingBucket::prefix).toList());
        findReplayable.setSid("FindReplayable");
        policy = ManagedPolicy.Builder.create(this, "Policy")
                .description("Backbeat operator: backbeat upload, status, replay and kpis on stack "
                        + Stack.of(this).getStackName())
                .statements(List.of(
                        statement("ReadStackOutputs", List.of("cloudformation:DescribeStacks"), List.of(Stack.of(this).getStackId())),
                        statement("UploadAndReplay", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"), replayable),
                        findReplayable,
                        statement("ReadQuarantine", List.of("s3:GetObject"),
                                List.of(bucket.arnForObjects(LandingBucket.objectsIn(Zone.QUARANTINE)))),
                        statement("ReadLedger", List.of("dynamodb:Scan"), List.of(props.ledger().getTableArn())),
                        statement("ReadKpis", List.of("dynamodb:Query"), List.of(props.serving().getTableArn())),
                        statement("DrainDeadLetters", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"),
                                List.of(props.deadLetters().getQueueArn()))))
                .build();
        Suppressions.operatorPolicy(policy, bucket);
    }

    public ManagedPolicy policy() {
        return policy;
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
