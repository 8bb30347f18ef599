package io.backbeat.functions.stage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.backbeat.events.Dataset;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Zone;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.ledger.StageLease;
import io.backbeat.functions.ledger.Ledger;
import io.backbeat.functions.ledger.ObjectRef;
import io.backbeat.functions.storage.ObjectChangedException;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage for every record of an S3 event: decodes the key, checks it belongs to the stage's
 * zone, takes the ledger lease, runs the stage, records the outcome. Every record is tried even when an
 * earlier one fails; if any could not be finished the event is failed afterwards, so that Lambda retries
 * it (the ledger makes the retry skip what was done).
 */
public final class StageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
    /** Time past the invocation's end before another run may retake a lease, covering clock skew. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final ObjectStage stage;
    private final Zone inputZone;
    private final Function<String, ObjectStore> storeForBucket;
    private final Ledger ledger;
    private final Clock clock;
    private final Duration defaultLease;

    /**
     * @param storeForBucket the store for an event's bucket
     * @param defaultLease the lease when there is no Lambda context to tell the remaining time
     */
    public StageRunner(ObjectStage stage, Zone inputZone, Function<String, ObjectStore> storeForBucket, Ledger ledger,
            Clock clock, Duration defaultLease) {
        this.stage = stage;
        this.inputZone = inputZone;
        this.storeForBucket = storeForBucket;
        this.ledger = ledger;
        this.clock = clock;
        this.defaultLease = defaultLease;
    }

    /**
     * @throws StageIncompleteException after trying every record, when some are busy elsewhere or failed
     */
    public List<ObjectOutcome> handle(S3Event event, Context context) {
        List<ObjectOutcome> outcomes = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            outcomes.add(handle(record, context));
        }
        if (outcomes.stream().anyMatch(StageIncompleteException::unfinished)) {
            throw new StageIncompleteException(stage.stage().id(), outcomes);
        }
        return outcomes;
    }

    private ObjectOutcome handle(S3EventNotificationRecord record, Context context) {
        String bucket = record.getS3().getBucket().getName();
        String key = decodeKey(record.getS3().getObject().getKey());
        ObjectVersion version = new ObjectVersion(record.getS3().getObject().getVersionId(), record.getS3().getObject().geteTag());
        ObjectRef object = new ObjectRef(bucket, key, version);
        if (ZoneKey.isFolderMarker(key)) {
            return ObjectOutcome.of(object.id(), ObjectOutcome.Kind.SKIPPED, "folder marker, not data");
        }
        ZoneKey zoneKey;
        try {
            zoneKey = ZoneKey.parse(key);
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping object outside the bucket layout: bucket={} key={} reason={}", bucket, key, e.getMessage());
            return ObjectOutcome.of(object.id(), ObjectOutcome.Kind.SKIPPED, e.getMessage());
        }
        if (zoneKey.zone() != inputZone) {
            // A trigger wired to the wrong prefix; refusing here also rules out a stage triggering itself.
            String reason = stage.stage().id() + " reads only " + inputZone.prefix() + "/ keys; check the bucket notification filters";
            LOG.error("skipping object of another zone: bucket={} key={} reason={}", bucket, key, reason);
            return ObjectOutcome.of(object.id(), ObjectOutcome.Kind.SKIPPED, reason);
        }
        Dataset dataset = zoneKey.dataset().orElse(Dataset.STREAMS);
        Instant now = clock.instant();
        StageLease taken = ledger.takeLease(object, stage.stage(), dataset, now, lease(context));
        return switch (taken) {
            case StageLease.AlreadyDone done -> ObjectOutcome.of(object.id(), ObjectOutcome.Kind.ALREADY_DONE, done.status().name());
            case StageLease.Busy busy -> ObjectOutcome.of(object.id(), ObjectOutcome.Kind.BUSY, "lease held until " + busy.leaseExpiresAt());
            case StageLease.Acquired acquired -> run(acquired, zoneKey, storeForBucket.apply(bucket), context);
        };
    }

    private ObjectOutcome run(StageLease.Acquired lease, ZoneKey key, ObjectStore store, Context context) {
        String id = lease.object().id();
        long started = System.nanoTime();
        try {
            StageResult result = stage.process(key, lease.object().version(), store);
            LedgerStatus status = result.rejectedAsWhole() ? LedgerStatus.REJECTED : LedgerStatus.SUCCEEDED;
            if (!ledger.complete(lease, status, result, clock.instant())) {
                LOG.warn("lease lost before the outcome was recorded; the run that retook it stands: object={} stage={}", id, lease.stage());
            }
            LOG.info("stage finished: stage={} object={} status={} rows_in={} rows_valid={} rows_rejected={} ms={}",
                    lease.stage(), id, status, result.rowsIn(), result.rowsValid(), result.rowsRejected(),
                    (System.nanoTime() - started) / 1_000_000);
            if (context != null) {
                // Only under Lambda (local runs pass no context): elsewhere the EMF library would probe EC2 and ECS
                // metadata and then send to a CloudWatch agent, instead of writing to stdout.
                RowCountMetrics.publish(context.getFunctionName(), stage.stage(), result);
            }
            return ObjectOutcome.of(id, result);
        } catch (ObjectChangedException e) {
            ledger.complete(lease, LedgerStatus.SUPERSEDED, null, clock.instant());
            LOG.info("object superseded before it was read: stage={} object={}", lease.stage(), id);
            return ObjectOutcome.of(id, ObjectOutcome.Kind.SUPERSEDED, e.getMessage());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            ledger.fail(lease, error, clock.instant());
            LOG.error("stage failed: stage={} object={} attempt={}", lease.stage(), id, lease.attempt(), e);
            return ObjectOutcome.of(id, ObjectOutcome.Kind.FAILED, error);
        }
    }

    private Duration lease(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return defaultLease;
        }
        return Duration.ofMillis(context.getRemainingTimeInMillis()).plus(LEASE_MARGIN);
    }

    /** S3 event keys are URL-encoded with {@code +} for a space (a literal {@code +} arrives as {@code %2B}). */
    public static String decodeKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
