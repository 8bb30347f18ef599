package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.ZoneKey;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.kpi.AudienceReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.events.LedgerSchema;
import io.backbeat.functions.kpi.DynamoDbLoadsInFlight;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.kpi.KpiRefreshStarter;
import io.backbeat.functions.kpi.LoadsInFlight;
import io.backbeat.functions.load.LoadHandler;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.stage.StageIncompleteException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads of overlapping files running at the same time, on a warehouse that, like Redshift, enforces no
 * primary key and runs each transaction on a snapshot: without the loads' own serialization both would
 * find a key missing and both insert it. The loads start no refresh here (one refresh at a time is the state
 * machine's business); the KPIs are refreshed once, after them.
 */
class ConcurrentLoadsTest {
    private static final LocalDate LAB_DAY = LocalDate.of(2024, 6, 25);
    private static Path lab;

    @TempDir
    Path spill;

    @BeforeAll
    static void extractLabSample(@TempDir Path directory) {
        lab = LabSample.extractTo(directory);
    }

    @Test
    void overlappingLoadsAtOnceLeaveEveryNaturalKeyOnceAndKpisEqualToTheReference() throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        // The same plays and songs under several keys, validated and transformed first; then every load at once.
        List<String> staged = new ArrayList<>();
        staged.add(harness.stage("raw/songs/lab/songs-a.csv", lab.resolve("songs.csv")));
        staged.add(harness.stage("raw/songs/lab/songs-b.csv", lab.resolve("songs.csv")));
        staged.add(harness.stage("raw/users/lab/users-a.csv", lab.resolve("users.csv")));
        staged.add(harness.stage("raw/users/lab/users-b.csv", lab.resolve("users.csv")));
        for (String copy : List.of("a", "b", "c")) {
            staged.add(harness.stage("raw/streams/lab/streams1-" + copy + ".csv", lab.resolve("streams1.csv")));
        }
        staged.add(harness.stage("raw/streams/lab/streams2-a.csv", lab.resolve("streams2.csv")));
        staged.add(harness.stage("raw/streams/lab/streams2-b.csv", lab.resolve("streams2.csv")));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(staged.size());
        List<ObjectOutcome> outcomes = new ArrayList<>();
        try {
            List<Future<List<ObjectOutcome>>> loads = staged.stream()
                    .map(key -> pool.submit((Callable<List<ObjectOutcome>>) () -> {
                        start.await();
                        return harness.loadWithoutRefresh().handleRequest(harness.ingest.event(key), null);
                    }))
                    .toList();
            start.countDown();
            for (Future<List<ObjectOutcome>> load : loads) {
                outcomes.addAll(load.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).hasSize(staged.size())
                .allSatisfy(outcome -> assertThat(outcome.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        assertThat(harness.query("SELECT user_id, track_id, listen_time FROM fact_streams"
                + " GROUP BY user_id, track_id, listen_time HAVING COUNT(*) > 1")).as("plays loaded twice").isEmpty();
        assertThat(harness.query("SELECT track_id FROM dim_songs GROUP BY track_id HAVING COUNT(*) > 1"))
                .as("songs loaded twice").isEmpty();
        assertThat(harness.count("fact_streams")).isEqualTo(2 * 11_346);
        assertThat(harness.count("dim_songs")).isEqualTo(28_076);
        assertThat(harness.count("dim_users")).isEqualTo(50_000);
        harness.refresher().start("after-the-loads", List.of(LAB_DAY), "test");
        KpiTablesAssert.assertWarehouseEquals(harness::query, KpiReference.compute(List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"))));
        KpiTablesAssert.assertListenerTablesEqual(harness::query, AudienceReference.compute(List.of(lab.resolve("users.csv")),
                List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"))));
    }

    @Test
    void aSongsLoadWaitsForAPlaysLoadUnderWaySoItsPlaysGetTheirGenre() throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String songs = harness.stage("raw/songs/lab/songs.csv", lab.resolve("songs.csv"));

        // The play is of a known song, 0000vdREvCVMxbQTkS888c.
        assertThat(datesAskedByALoadWaitingForAPlaysLoad(harness, songs, "songs", "2024-06-25"))
                .as("the songs load asks for the date of the play it waited for").containsExactly("2024-06-25");
    }

    @Test
    void aUsersLoadWaitsForAPlaysLoadUnderWaySoItsPlaysMoveToTheirDemographicGroup() throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String users = harness.stage("raw/users/lab/users.csv", lab.resolve("users.csv"));

        // The play is of user 7, in the users file.
        assertThat(datesAskedByALoadWaitingForAPlaysLoad(harness, users, "users", "2024-06-26"))
                .as("the users load asks for the date of the play it waited for").containsExactly("2024-06-26");
    }

    /**
     * Runs the load of {@code staged} while a plays load is under way, holding fact_streams with a play of user 7 and
     * track 0000vdREvCVMxbQTkS888c on {@code date} written but not committed, commits the plays once the load waits
     * for its lock, and returns the dates the load asked to refresh.
     */
    private static List<String> datesAskedByALoadWaitingForAPlaysLoad(WarehouseHarness harness, String staged, String dataset,
            String date) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection playsLoad = WarehouseHarness.REDSHIFT.connect()) {
            playsLoad.setAutoCommit(false);
            try (Statement statement = playsLoad.createStatement()) {
                statement.execute("LOCK fact_streams");
                statement.execute("INSERT INTO fact_streams (user_id, track_id, listen_time, listen_date, listen_hour,"
                        + " load_id, loaded_at) VALUES (7, '0000vdREvCVMxbQTkS888c', '" + date + " 10:00:00',"
                        + " '" + date + "', 10, 'plays-load', '" + date + " 10:05:00')");
            }
            Future<List<ObjectOutcome>> load = pool.submit(
                    () -> harness.loadWithoutRefresh().handleRequest(harness.ingest.event(staged), null));
            while (!load.isDone() && waitingForALock(harness) == 0) {
                Thread.onSpinWait();
            }
            playsLoad.commit();
            assertThat(load.get()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        } finally {
            pool.shutdownNow();
        }
        return harness.query("SELECT a.listen_date FROM load_affected_dates a JOIN load_requests r ON r.load_id = a.load_id"
                + " WHERE r.dataset = '" + dataset + "'").stream().map(row -> row.get("listen_date").toString()).toList();
    }

    @Test
    void aLoadIsInFlightFromBeforeItWritesUntilItStartedItsRefresh() throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String plays = harness.stage("raw/streams/lab/streams1.csv", lab.resolve("streams1.csv"));
        LoadsInFlight inFlight = new DynamoDbLoadsInFlight(IngestHarness.CLOUD.dynamoDbClient(), harness.ingest.ledgerTable,
                harness.ingest.clock, LoadHandler.DEFAULT_LEASE);
        List<Map<String, AttributeValue>> leaseAtRefreshStart = new ArrayList<>();
        KpiRefreshStarter refresh = (refreshId, dates, objectId) -> leaseAtRefreshStart.add(lease(harness));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection otherLoad = WarehouseHarness.REDSHIFT.connect()) {
            // Another load holds the plays: this one waits for it inside its transaction, in flight.
            otherLoad.setAutoCommit(false);
            try (Statement statement = otherLoad.createStatement()) {
                statement.execute("LOCK fact_streams");
            }
            Future<List<ObjectOutcome>> load = pool.submit(
                    () -> harness.load(refresh, inFlight).handleRequest(harness.ingest.event(plays), null));
            while (!load.isDone() && waitingForALock(harness) == 0) {
                Thread.onSpinWait();
            }
            assertThat(lease(harness).get(LedgerSchema.LOADING).ss()).singleElement().asString()
                    .as("<deadline> <object id>").contains(" s3://" + harness.ingest.bucket + "/" + plays + "#");
            otherLoad.commit();
            assertThat(load.get()).singleElement()
                    .satisfies(outcome -> assertThat(outcome.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        } finally {
            pool.shutdownNow();
        }

        assertThat(leaseAtRefreshStart).as("still in flight as it starts its refresh").singleElement()
                .satisfies(lease -> assertThat(lease.get(LedgerSchema.LOADING).ss()).singleElement().asString()
                        .contains(" s3://" + harness.ingest.bucket + "/" + plays + "#"));
        assertThat(lease(harness)).doesNotContainKey(LedgerSchema.LOADING);
    }

    @Test
    void aLoadThatFailsIsNoLongerInFlight_failureInjectedByTheRefreshStarter() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String plays = harness.stage("raw/streams/lab/streams1.csv", lab.resolve("streams1.csv"));
        LoadsInFlight inFlight = new DynamoDbLoadsInFlight(IngestHarness.CLOUD.dynamoDbClient(), harness.ingest.ledgerTable,
                harness.ingest.clock, LoadHandler.DEFAULT_LEASE);
        KpiRefreshStarter unreachable = (refreshId, dates, objectId) -> {
            throw new IllegalStateException("injected: Step Functions unreachable");
        };

        assertThatThrownBy(() -> harness.load(unreachable, inFlight).handleRequest(harness.ingest.event(plays), null))
                .isInstanceOf(StageIncompleteException.class);

        assertThat(lease(harness)).doesNotContainKey(LedgerSchema.LOADING);
    }

    private static Map<String, AttributeValue> lease(WarehouseHarness harness) {
        Map<String, AttributeValue> item = IngestHarness.CLOUD.dynamoDbClient().getItem(r -> r.tableName(harness.ingest.ledgerTable)
                .consistentRead(true).key(DynamoDbLedger.leaseKey())).item();
        return item == null ? Map.of() : item;
    }

    private static long waitingForALock(WarehouseHarness harness) {
        return (Long) harness.query("SELECT COUNT(*) AS n FROM pg_locks WHERE NOT granted").get(0).get("n");
    }
}
