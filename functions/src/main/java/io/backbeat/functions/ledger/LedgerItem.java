package io.backbeat.functions.ledger;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One ledger item as read back, by the functions and the operator commands alike: what happened to one object at one
 * stage (or to one KPI refresh). Attributes a stage has not written yet read as null, 0 or empty.
 *
 * @param objectId {@code s3://bucket/key#version-or-etag}, or the refresh id for a KPI refresh
 * @param stage the {@link io.backbeat.events.Stage#id()}
 * @param status where the object stands at the stage
 * @param key the object key (null for a KPI refresh)
 * @param dataset the dataset id (null when the key names none)
 * @param startedAt ISO-8601 text as written, or null
 * @param durationMs how long the stage took, 0 while it runs
 * @param rejectsByReason rows rejected per reason code
 * @param outputs locations the stage wrote
 * @param fileRejection why the whole object was rejected, or null
 * @param error the stage's error, or null
 * @param affectedDates listen dates a load changed, or a refresh recomputed
 * @param refreshId the refresh (execution name) of a KPI refresh item, else null
 */
public record LedgerItem(
        String objectId,
        String stage,
        LedgerStatus status,
        String key,
        String dataset,
        String startedAt,
        String finishedAt,
        long durationMs,
        long attempts,
        long rowsIn,
        long rowsValid,
        long rowsRejected,
        Map<String, Long> rejectsByReason,
        List<String> outputs,
        String fileRejection,
        String error,
        List<String> affectedDates,
        String refreshId) {

    public LedgerItem {
        Objects.requireNonNull(objectId, "objectId must not be null");
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(status, "status must not be null");
        rejectsByReason = Map.copyOf(rejectsByReason);
        outputs = List.copyOf(outputs);
        affectedDates = List.copyOf(affectedDates);
    }

    /** The item as DynamoDB returned it. */
    public static LedgerItem from(Map<String, AttributeValue> item) {
        Map<String, Long> reasons = new TreeMap<>();
        AttributeValue byReason = item.get(LedgerSchema.REJECTS_BY_REASON);
        if (byReason != null && byReason.hasM()) {
            byReason.m().forEach((reason, count) -> reasons.put(reason, Long.parseLong(count.n())));
        }

        return new LedgerItem(text(item, LedgerSchema.OBJECT), text(item, LedgerSchema.STAGE),
                LedgerStatus.valueOf(text(item, LedgerSchema.STATUS)),
                text(item, LedgerSchema.KEY), text(item, LedgerSchema.DATASET), text(item, LedgerSchema.STARTED_AT),
                text(item, LedgerSchema.FINISHED_AT), number(item, LedgerSchema.DURATION_MS),
                number(item, LedgerSchema.ATTEMPTS), number(item, LedgerSchema.ROWS_IN), number(item, LedgerSchema.ROWS_VALID),
                number(item, LedgerSchema.ROWS_REJECTED), reasons, strings(item, LedgerSchema.OUTPUTS),
                text(item, LedgerSchema.FILE_REJECTION), text(item, LedgerSchema.ERROR),
                strings(item, LedgerSchema.AFFECTED_DATES), text(item, LedgerSchema.REFRESH_ID));
    }

    /** The stage is done with the object, one way or the other (a failed run may still be retried). */
    public boolean ended() {
        return status != LedgerStatus.IN_PROGRESS;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        return value.s() != null ? value.s() : value.n();
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && value.hasL() ? value.l().stream().map(AttributeValue::s).toList() : List.of();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
