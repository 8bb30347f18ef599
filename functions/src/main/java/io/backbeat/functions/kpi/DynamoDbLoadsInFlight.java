package io.backbeat.functions.kpi;

import io.backbeat.events.LedgerSchema;
import io.backbeat.functions.ledger.DynamoDbLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The loads in flight as a string set on the refresh lease item ({@link LedgerSchema#LOADING}), each entry
 * {@code <deadline> <object id>}, and the latest deadline beside it ({@link LedgerSchema#LOADS_BUSY_UNTIL}), which
 * bounds the refresh's wait in the state machine without date arithmetic (ASL has none): a refresh proceeds when the
 * set is gone or the latest deadline is earlier than the moment it checks. The state machine compares the deadline with
 * {@code $$.State.EnteredTime}, an ISO-8601 UTC time
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html) that DynamoDB compares as a
 * string: written alike up to the seconds, they order correctly whatever fraction of a second either carries, to within
 * that fraction.
 *
 * <p>Adding to a string set and deleting from it are single atomic updates, and DynamoDB removes a set whose last
 * element is deleted (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html),
 * so "no load in flight" is "the attribute does not exist", a condition the state machine can write. A mark left by a
 * load whose function was killed is removed by the next load to begin or end once its deadline has passed. The bound
 * only grows: once the loads of a burst have ended, a killed load's mark within its deadline holds the refresh until
 * the latest deadline of the burst (at most a load's longest run after the last began), or until a load purges it.
 *
 * <p>Marking is an optimisation of when the refresh runs, never of what it computes: a failure to mark or to unmark
 * is logged and the load goes on (at worst a refresh waits until the deadline).
 */
public final class DynamoDbLoadsInFlight implements LoadsInFlight {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLoadsInFlight.class);
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** DynamoDB refuses an update naming an attribute none of its expressions uses, so each names its own. */
    private static final Map<String, String> MARKS = Map.of("#loading", LedgerSchema.LOADING);
    private static final Map<String, String> WITH_BOUND = Map.of("#loading", LedgerSchema.LOADING,
            "#busy", LedgerSchema.LOADS_BUSY_UNTIL);

    private final DynamoDbClient dynamoDb;
    private final String ledgerTable;
    private final Clock clock;
    private final Duration longestLoad;

    /**
     * @param longestLoad how long a load may run at most (the function's timeout): its mark's deadline
     */
    public DynamoDbLoadsInFlight(DynamoDbClient dynamoDb, String ledgerTable, Clock clock, Duration longestLoad) {
        this.dynamoDb = dynamoDb;
        this.ledgerTable = ledgerTable;
        this.clock = clock;
        this.longestLoad = longestLoad;
    }

    @Override
    public Marker begin(String objectId) {
        Instant now = clock.instant();
        String deadline = deadline(now.plus(longestLoad));
        String entry = deadline + " " + objectId;
        try {
            removeExpired(add(entry, deadline), now);
        } catch (SdkException e) {
            LOG.warn("Could not mark the load of {} in flight; a refresh may start before it ends: {}", objectId, e.getMessage());
            return () -> {};
        }
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                try {
                    removeExpired(remove(List.of(entry)), clock.instant());
                } catch (SdkException e) {
                    LOG.warn("Could not unmark the load of {}; a refresh waits until its deadline: {}", objectId, e.getMessage());
                }
            }
        };
    }

    /** Adds the mark and raises the bound to its deadline unless a later one holds it; the marks in flight after. */
    private List<String> add(String entry, String deadline) {
        try {
            return update("ADD #loading :entry SET #busy = :deadline", "attribute_not_exists(#busy) OR #busy < :deadline",
                    WITH_BOUND, Map.of(":entry", AttributeValue.fromSs(List.of(entry)), ":deadline", AttributeValue.fromS(deadline)));
        } catch (ConditionalCheckFailedException laterDeadline) {
            // Another load's deadline is later: it stays the bound.
            return update("ADD #loading :entry", null, MARKS, Map.of(":entry", AttributeValue.fromSs(List.of(entry))));
        }
    }

    /**
     * Removes the marks of loads past their deadline, functions killed before they could end them, among the marks an
     * update left: as a load begins and as it ends, so that a killed load's mark holds refreshes no longer than its
     * deadline whenever loads come.
     */
    private void removeExpired(List<String> marks, Instant now) {
        List<String> expired = marks.stream().filter(entry -> expired(entry, now)).toList();
        if (!expired.isEmpty()) {
            LOG.warn("Removing {} load marks past their deadline (functions that did not end them): {}", expired.size(), expired);
            remove(expired);
        }
    }

    /** A deadline as the state machine compares it: ISO-8601 UTC, always with milliseconds. */
    public static String deadline(Instant instant) {
        return DEADLINE.format(instant);
    }

    static boolean expired(String entry, Instant now) {
        int space = entry.indexOf(' ');
        try {
            return space < 0 || Instant.parse(entry.substring(0, space)).isBefore(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** The marks in flight after removing {@code entries}. */
    private List<String> remove(List<String> entries) {
        return update("DELETE #loading :entries", null, MARKS, Map.of(":entries", AttributeValue.fromSs(entries)));
    }

    /**
     * One update of the lease item, returning the marks it left (UPDATED_NEW: the set as written, absent once its last
     * element is deleted), so that no separate read is needed to find the expired ones.
     */
    private List<String> update(String expression, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        AttributeValue loading = dynamoDb.updateItem(r -> r.tableName(ledgerTable).key(DynamoDbLedger.leaseKey())
                        .updateExpression(expression).conditionExpression(condition).expressionAttributeNames(names)
                        .expressionAttributeValues(values).returnValues(ReturnValue.UPDATED_NEW))
                .attributes().get(LedgerSchema.LOADING);
        return loading == null || !loading.hasSs() ? List.of() : loading.ss();
    }
}
