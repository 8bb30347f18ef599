package io.backbeat.infra;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.ServingSchema;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The two DynamoDB tables, keyed as {@code events/} describes them: the ledger (one item per object and stage,
 * {@link LedgerSchema}) and the serving table the KPIs are published to ({@link ServingSchema}). On-demand,
 * point-in-time recovery, encrypted with the AWS-managed {@code aws/dynamodb} key (explicit in the template and
 * visible in CloudTrail, no key policy to manage, callers need no KMS permission), names left to CloudFormation
 * so two stages fit in one account.
 */
public final class PipelineTables extends Construct {
    private final Table ledger;
    private final Table serving;

    /**
     * @param removalPolicy what {@code cdk destroy} does to the tables
     * @param deletionProtection whether DynamoDB refuses to delete the tables (DeleteTable fails, from any client)
     *     until it is turned off: for production environments
     */
    public record Props(RemovalPolicy removalPolicy, boolean deletionProtection) {
        public Props {
            Objects.requireNonNull(removalPolicy, "removalPolicy must not be null");
        }

        /** The tables outlive the stack (the ledger is the record of what was processed); no deletion protection. */
        public static Props defaults() {
            return new Props(RemovalPolicy.RETAIN, false);
        }

        /** These props with deletion protection on or off. */
        public Props withDeletionProtection(boolean on) {
            return new Props(removalPolicy, on);
        }
    }

    public PipelineTables(Construct scope, String id, Props props) {
        super(scope, id);
        ledger = table("Ledger", LedgerSchema.OBJECT, LedgerSchema.STAGE, props)
                // Optional expiry: items carrying expires_at (epoch seconds) are deleted after it; none do yet.
                .timeToLiveAttribute(LedgerSchema.EXPIRES_AT)
                .build();
        serving = table("Serving", ServingSchema.PARTITION_KEY, ServingSchema.SORT_KEY, props).build();
    }

    private Table.Builder table(String id, String partitionKey, String sortKey, Props props) {
        return Table.Builder.create(this, id)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(sortKey).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(props.deletionProtection())
                .removalPolicy(props.removalPolicy());
    }

    public ITable ledger() {
        return ledger;
    }

    public ITable serving() {
        return serving;
    }
}
