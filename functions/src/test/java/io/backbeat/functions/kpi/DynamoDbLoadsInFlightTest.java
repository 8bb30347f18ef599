package io.backbeat.functions.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.LedgerSchema;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.functions.MutableClock;
import io.backbeat.functions.ledger.DynamoDbLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Loads marking themselves in flight on the refresh lease item of a ledger table in DynamoDB Local. */
class DynamoDbLoadsInFlightTest {
    private static final LocalCloud CLOUD = LocalCloud.shared();
    private static final Duration LONGEST_LOAD = Duration.ofMinutes(15);
    private static final String SONGS = "s3://landing/staged/songs/songs.csv.zst#v1";
    private static final String STREAMS = "s3://landing/staged/streams/streams-01.csv.zst#v1";

    private final DynamoDbClient dynamoDb = CLOUD.dynamoDbClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private String ledger;
    private LoadsInFlight inFlight;

    @BeforeEach
    void ledger() {
        ledger = CLOUD.createLedgerTable("in-flight");
        inFlight = new DynamoDbLoadsInFlight(dynamoDb, ledger, clock, LONGEST_LOAD);
    }

    @Test
    void aLoadIsInFlightFromBeginToEndWithItsDeadlineAsTheBound() {
        LoadsInFlight.Marker songs = inFlight.begin(SONGS);

        assertThat(lease().get(LedgerSchema.LOADING).ss()).containsExactly("2026-12-02T10:15:00.000Z " + SONGS);
        assertThat(lease().get(LedgerSchema.LOADS_BUSY_UNTIL).s()).isEqualTo("2026-12-02T10:15:00.000Z");

        songs.end();

        assertThat(lease()).as("no load in flight: the attribute is gone, which the state machine's condition tests")
                .doesNotContainKey(LedgerSchema.LOADING);
    }

    @Test
    void theBoundIsTheLatestDeadlineAndEndingOneLoadLeavesTheOther() {
        LoadsInFlight.Marker songs = inFlight.begin(SONGS);
        clock.advance(Duration.ofSeconds(90));
        LoadsInFlight.Marker streams = inFlight.begin(STREAMS);

        assertThat(lease().get(LedgerSchema.LOADS_BUSY_UNTIL).s()).isEqualTo("2026-12-02T10:16:30.000Z");

        streams.end();
        streams.end();

        assertThat(lease().get(LedgerSchema.LOADING).ss()).containsExactly("2026-12-02T10:15:00.000Z " + SONGS);
        assertThat(lease().get(LedgerSchema.LOADS_BUSY_UNTIL).s()).as("a bound never moves back")
                .isEqualTo("2026-12-02T10:16:30.000Z");
        songs.end();
        assertThat(lease()).doesNotContainKey(LedgerSchema.LOADING);
    }

    @Test
    void aMarkLeftByAKilledLoadIsRemovedByTheNextLoadOnceItsDeadlinePassed() {
        inFlight.begin(SONGS); // never ended: its function was killed
        clock.advance(Duration.ofMinutes(10));
        inFlight.begin(STREAMS).end();
        assertThat(lease().get(LedgerSchema.LOADING).ss()).as("not yet past its deadline")
                .containsExactly("2026-12-02T10:15:00.000Z " + SONGS);

        clock.advance(Duration.ofMinutes(6));
        LoadsInFlight.Marker next = inFlight.begin(STREAMS);

        assertThat(lease().get(LedgerSchema.LOADING).ss()).containsExactly("2026-12-02T10:31:00.000Z " + STREAMS);
        next.end();
        assertThat(lease()).doesNotContainKey(LedgerSchema.LOADING);
    }

    @Test
    void aMarkLeftByAKilledLoadIsRemovedByALoadEndingPastItsDeadline() {
        LoadsInFlight.Marker streams = inFlight.begin(STREAMS);
        clock.advance(Duration.ofMinutes(1));
        inFlight.begin(SONGS); // never ended: its function was killed
        clock.advance(Duration.ofMinutes(15).plusMillis(1));

        streams.end();

        assertThat(lease()).doesNotContainKey(LedgerSchema.LOADING);
    }

    @Test
    void theLeaseItsHolderWroteIsLeftAsItWas() {
        dynamoDb.putItem(r -> r.tableName(ledger).item(Map.of(
                LedgerSchema.OBJECT, AttributeValue.fromS(LedgerSchema.LEASE_OBJECT),
                LedgerSchema.STAGE, AttributeValue.fromS(LedgerSchema.LEASE_STAGE),
                LedgerSchema.OWNER, AttributeValue.fromS("arn:aws:states:us-east-1:123456789012:execution:kpi:holder"),
                LedgerSchema.PENDING, AttributeValue.fromN("2"))));

        inFlight.begin(STREAMS).end();

        assertThat(lease()).containsEntry(LedgerSchema.OWNER,
                        AttributeValue.fromS("arn:aws:states:us-east-1:123456789012:execution:kpi:holder"))
                .containsEntry(LedgerSchema.PENDING, AttributeValue.fromN("2"));
    }

    @Test
    void deadlinesCompareAsStringsInTheirOrderAsInstants() {
        // The state machine compares them with DynamoDB's string comparison against $$.State.EnteredTime.
        String early = DynamoDbLoadsInFlight.deadline(Instant.parse("2026-12-02T09:59:59.999Z"));
        String late = DynamoDbLoadsInFlight.deadline(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(early).isEqualTo("2026-12-02T09:59:59.999Z");
        assertThat(late).isEqualTo("2026-12-02T10:00:00.000Z");
        assertThat(early.compareTo(late)).isNegative();
    }

    private Map<String, AttributeValue> lease() {
        return dynamoDb.getItem(r -> r.tableName(ledger).consistentRead(true).key(DynamoDbLedger.leaseKey())).item();
    }
}
