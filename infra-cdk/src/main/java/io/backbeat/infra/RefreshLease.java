package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.LedgerSchema;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoAttributeValue;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoReturnValues;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoUpdateItem;
import software.constructs.Construct;

/**
 * The Task states that take, join and release the refresh lease: conditional writes to one ledger item
 * ({@link LedgerSchema#LEASE_OBJECT}, {@link LedgerSchema#LEASE_STAGE}) through the optimized DynamoDB integration.
 * A write whose condition does not hold fails with {@code DynamoDB.ConditionalCheckFailedException} and changes
 * nothing (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html),
 * which is what makes the lease exclusive: of two executions taking it at once, one write succeeds.
 */
final class RefreshLease {
    /** The execution's own ARN: what the lease records as its holder. */
    static final String SELF = "$$.Execution.Id";
    /** Where {@link #register} puts the holder it found: {@code {holder}}. */
    static final String LEASE = "$.lease";
    /** Where {@link #release} puts the released item: {@code {Attributes}}, with {@code pending} if any registered. */
    static final String RELEASED = "$.released";

    private static final Map<String, String> NAMES = sorted(Map.of(
            "#owner", LedgerSchema.OWNER,
            "#since", LedgerSchema.STARTED_AT,
            "#refresh", LedgerSchema.REFRESH_ID,
            "#pending", LedgerSchema.PENDING,
            "#loading", LedgerSchema.LOADING,
            "#busy", LedgerSchema.LOADS_BUSY_UNTIL));

    private final Construct scope;
    private final ITable ledger;

    RefreshLease(Construct scope, ITable ledger) {
        this.scope = scope;
        this.ledger = ledger;
    }

    /** Takes the lease if no one holds it; whatever was pending before is this execution's to refresh. */
    DynamoUpdateItem take(String name) {
        return take(name, "attribute_not_exists(#owner)", Map.of());
    }

    /**
     * Takes the lease from a holder that is no longer running ({@code $.lease.holder}), if it still holds it: a
     * holder that timed out, failed outside a Catch or was aborted never released it.
     */
    DynamoUpdateItem takeOver(String name) {
        return take(name, "#owner = :holder", Map.of(":holder", DynamoAttributeValue.fromString(JsonPath.stringAt(LEASE + ".holder"))));
    }

    private DynamoUpdateItem take(String name, String condition, Map<String, DynamoAttributeValue> conditionValues) {
        Map<String, DynamoAttributeValue> values = new java.util.TreeMap<>(Map.of(
                ":me", DynamoAttributeValue.fromString(JsonPath.stringAt(SELF)),
                ":now", DynamoAttributeValue.fromString(JsonPath.stringAt("$$.State.EnteredTime")),
                ":refresh", DynamoAttributeValue.fromString(JsonPath.stringAt(KpiStateMachine.REFRESH_ID))));
        values.putAll(conditionValues);
        return builder(name, "#owner", "#since", "#refresh", "#pending")
                .updateExpression("SET #owner = :me, #since = :now, #refresh = :refresh REMOVE #pending")
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .resultPath(JsonPath.DISCARD)
                .build();
    }

    /**
     * Adds one to the lease's pending count if someone holds it, and returns the holder at {@code $.lease.holder}
     * (ReturnValues ALL_NEW; only the holder is kept).
     */
    DynamoUpdateItem register(String name) {
        return builder(name, "#owner", "#pending")
                .updateExpression("ADD #pending :one")
                .conditionExpression("attribute_exists(#owner)")
                .expressionAttributeValues(Map.of(":one", DynamoAttributeValue.fromNumber(1)))
                .returnValues(DynamoReturnValues.ALL_NEW)
                .resultSelector(Map.of("holder", JsonPath.stringAt("$.Attributes." + LedgerSchema.OWNER + ".S")))
                .resultPath(LEASE)
                .build();
    }

    /**
     * Succeeds when this execution holds the lease and no load is in flight, or the latest in-flight deadline has
     * passed (a load killed before it could unmark itself), and then clears the pending count: the executions that
     * registered until now were started by loads that had committed, so the refresh that follows claims their dates
     * and owes them no successor. Else fails with {@code DynamoDB.ConditionalCheckFailedException}, changing nothing.
     * The deadlines (ISO-8601 UTC in milliseconds) and {@code $$.State.EnteredTime} (ISO-8601 UTC,
     * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html) compare as strings: written
     * alike up to the seconds, they order correctly to within the fraction of a second either carries.
     */
    DynamoUpdateItem loadsSettled(String name) {
        return builder(name, "#owner", "#loading", "#busy", "#pending")
                .updateExpression("REMOVE #pending")
                .conditionExpression("#owner = :me AND (attribute_not_exists(#loading) OR #busy < :now)")
                .expressionAttributeValues(sorted(Map.of(
                        ":me", DynamoAttributeValue.fromString(JsonPath.stringAt(SELF)),
                        ":now", DynamoAttributeValue.fromString(JsonPath.stringAt("$$.State.EnteredTime")))))
                .resultPath(JsonPath.DISCARD)
                .build();
    }

    /**
     * Gives the lease up if this execution holds it; the item as it was (ReturnValues ALL_OLD) goes to
     * {@code $.released.Attributes}, so {@code pending} there says whether a successor is owed.
     */
    DynamoUpdateItem release(String name) {
        return builder(name, "#owner", "#since", "#pending")
                .updateExpression("REMOVE #owner, #since, #pending")
                .conditionExpression("#owner = :me")
                .expressionAttributeValues(Map.of(":me", DynamoAttributeValue.fromString(JsonPath.stringAt(SELF))))
                .returnValues(DynamoReturnValues.ALL_OLD)
                .resultSelector(Map.of("Attributes", JsonPath.objectAt("$.Attributes")))
                .resultPath(RELEASED)
                .build();
    }

    /** DynamoDB refuses a request naming an attribute that none of its expressions uses, so each names its own. */
    private DynamoUpdateItem.Builder builder(String name, String... namesUsed) {
        Map<String, String> names = new java.util.TreeMap<>();
        for (String used : namesUsed) {
            names.put(used, NAMES.get(used));
        }
        return DynamoUpdateItem.Builder.create(scope, name)
                .table(ledger)
                .key(sorted(Map.of(
                        LedgerSchema.OBJECT, DynamoAttributeValue.fromString(LedgerSchema.LEASE_OBJECT),
                        LedgerSchema.STAGE, DynamoAttributeValue.fromString(LedgerSchema.LEASE_STAGE))))
                .expressionAttributeNames(names);
    }
}
