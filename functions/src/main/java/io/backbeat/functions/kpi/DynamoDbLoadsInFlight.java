package io.backbeat.functions.kpi;

import io.backbeat.events.LedgerSchema;
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

/**
 * The loads in flight as a string set on the refresh lease item ({@link LedgerSchema#LOADING}), each entry
 * {@code <deadline> <object id>}, and the latest deadline beside it ({@link LedgerSchema#LOADS_BUSY_UNTIL}), which
 * bounds the refresh's wait in the state machine without date arithmetic (ASL has none): a refresh proceeds when the
 * set is gone or the latest deadline is earlier than the moment it checks. Deadlines are written as
 * {@code $$.State.EnteredTime} is, ISO-8601 UTC with milliseconds, so DynamoDB's string comparison orders them.
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
            removeExpired(now);
            add(entry, deadline);
        } catch (SdkException e) {
            LOG.warn("Could not mark the load of {} in flight; a refresh may start before it ends: {}", objectId, e.getMessage());
            return () -> {};
        }
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                try {
                    remove(List.of(entry));
                    removeExpired(clock.instant());
                } catch (SdkException e) {
                    LOG.warn("Could not unmark the load of {}; a refresh waits until its deadline: {}", objectId, e.getMessage());
                }
            }
        };
    }

    private void add(String entry, String deadline) {
        try {
            update("ADD #loading :entry SET #busy = :deadline",
                    "attribute_not_exists(#busy) OR #busy < :deadline", Map.of(":entry", AttributeValue.fromSs(List.of(entry)),
                            ":deadline", AttributeValue.fromS(deadline)));
        } catch (ConditionalCheckFailedException laterDeadline) {
            // Another load's deadline is later: it stays the bound.
            update("ADD #loading :entry", null, Map.of(":entry", AttributeValue.fromSs(List.of(entry))));
        }
    }

    /**
     * Removes the marks of loads past their deadline, functions killed before they could end them: as a load begins
     * and as it ends, so that a killed load's mark holds refreshes no longer than its deadline whenever loads come.
     */
    private void removeExpired(Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(ledgerTable).key(leaseKey()).consistentRead(true)
                .projectionExpression("#loading").expressionAttributeNames(Map.of("#loading", LedgerSchema.LOADING))).item();
        AttributeValue loading = item == null ? null : item.get(LedgerSchema.LOADING);
        if (loading == null || !loading.hasSs()) {
            return;
        }
        List<String> expired = loading.ss().stream().filter(entry -> expired(entry, now)).toList();
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

    private void remove(List<String> entries) {
        update("DELETE #loading :entries", null, Map.of(":entries", AttributeValue.fromSs(entries)));
    }

    private void update(String expression, String condition, Map<String, AttributeValue> values) {
        Map<String, String> names = expression.contains("#busy") || (condition != null && condition.contains("#busy"))
                ? Map.of("#loading", LedgerSchema.LOADING, "#busy", LedgerSchema.LOADS_BUSY_UNTIL)
                : Map.of("#loading", LedgerSchema.LOADING);
        dynamoDb.updateItem(r -> r.tableName(ledgerTable).key(leaseKey()).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> leaseKey() {
        return Map.of(LedgerSchema.OBJECT, AttributeValue.fromS(LedgerSchema.LEASE_OBJECT),
                LedgerSchema.STAGE, AttributeValue.fromS(LedgerSchema.LEASE_STAGE));
    }
}
