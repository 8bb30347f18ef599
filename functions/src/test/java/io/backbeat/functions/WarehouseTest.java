package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.LedgerStatus;
import io.backbeat.events.ServingSchema;
import io.backbeat.events.Stage;
import io.backbeat.warehouse.KpiSql;
import io.backbeat.fixtures.kpi.AudienceReference;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.functions.kpi.KpiRefresh;
import io.backbeat.functions.stage.ObjectOutcome;
import io.backbeat.functions.warehouse.StatementFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Known-answer tests of the warehouse: files go through the real validate, transform and load
 * handlers into the local Redshift (PostgreSQL behind the Redshift Data API endpoint), and the KPI
 * tables are compared with {@link KpiReference}, computed from the raw CSV files by separate code.
 */
class WarehouseTest {
    private static final LocalDate LAB_DAY = LocalDate.of(2024, 6, 25);
    private static Path lab;

    @TempDir
    Path spill;

    @BeforeAll
    static void extractLabSample(@TempDir Path directory) {
        lab = LabSample.extractTo(directory);
    }

    @Test
    void theLabSampleGivesKpisEqualToTheReferenceInEveryTable() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        for (String file : List.of("users.csv", "songs.csv", "streams1.csv", "streams2.csv", "streams3.csv")) {
            String dataset = file.startsWith("streams") ? "streams" : file.substring(0, file.indexOf('.'));
            List<ObjectOutcome> loaded = harness.ingest("raw/" + dataset + "/lab/" + file, lab.resolve(file));
            assertThat(loaded).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        }
        KpiReference.Tables expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv")));

        KpiTablesAssert.assertWarehouseEquals(harness::query, expected);
        KpiTablesAssert.assertListenerTablesEqual(harness::query, AudienceReference.compute(List.of(lab.resolve("users.csv")),
                List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv"))));
        assertThat(harness.count("dim_users")).isEqualTo(50_000);
        assertThat(harness.count("dim_songs")).isEqualTo(28_076);
        assertThat(harness.count("fact_streams")).isEqualTo(3 * 11_346);
        var engagement = expected.dailyEngagement().get(0);
        assertThat(engagement.orphanPlays()).as("the lab sample has orphan plays").isPositive();
        Map<String, Map<String, AttributeValue>> served = harness.served(ServingSchema.partitionKey(KpiSql.DAILY_ENGAGEMENT, LAB_DAY));
        assertThat(served.get("day").get("total_plays").n()).isEqualTo(Long.toString(engagement.totalPlays()));
        assertThat(served.get("day").get("orphan_plays").n()).isEqualTo(Long.toString(engagement.orphanPlays()));
        assertThat(harness.served(ServingSchema.partitionKey(KpiSql.HOURLY, LAB_DAY))).hasSize(expected.hourly().size());
        assertThat(harness.served(ServingSchema.partitionKey(KpiSql.GENRE_DAILY, LAB_DAY))).hasSize(expected.genreDaily().size());
        assertThat(harness.served(ServingSchema.partitionKey(KpiSql.TOP_TRACKS_DAILY, LAB_DAY)).get("01").get("track_id").s())
                .isEqualTo(expected.topTracksDaily().get(0).trackId());
    }

    @Test
    void usersArrivingAfterThePlaysAndUsersChangingLaterMoveTheirPlaysBetweenDemographicGroups(@TempDir Path files)
            throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        List<Path> songs = List.of(lab.resolve("songs.csv"));
        List<Path> plays = List.of(lab.resolve("streams1.csv"));
        harness.ingest("raw/songs/lab/songs.csv", lab.resolve("songs.csv"));
        harness.ingest("raw/streams/lab/streams1.csv", lab.resolve("streams1.csv"));
        KpiTablesAssert.assertListenerTablesEqual(harness::query, AudienceReference.compute(List.of(), songs, plays));
        assertThat(harness.query("SELECT DISTINCT country, age_band FROM kpi_demographics_daily"))
                .extracting(r -> r.get("country") + "/" + r.get("age_band")).containsExactly("unknown/unknown");

        harness.ingest("raw/users/lab/users.csv", lab.resolve("users.csv"));
        KpiTablesAssert.assertListenerTablesEqual(harness::query,
                AudienceReference.compute(List.of(lab.resolve("users.csv")), songs, plays));

        // User 26213 plays on the lab day: moving them to another country and age band moves their plays.
        String header = "user_id,user_name,user_age,user_country,created_at\n";
        Path moved = java.nio.file.Files.writeString(files.resolve("users-moved.csv"), header
                + "26213,Moved Person,19,Atlantis,2024-01-01\n");
        harness.ingest("raw/users/lab/users-moved.csv", moved);
        KpiTablesAssert.assertListenerTablesEqual(harness::query,
                AudienceReference.compute(List.of(lab.resolve("users.csv"), moved), songs, plays));
        assertThat(harness.query("SELECT plays FROM kpi_demographics_daily WHERE country = 'Atlantis' AND age_band = '18-24'"))
                .extracting(r -> r.get("plays").toString()).isNotEmpty();
    }

    @Test
    void aLaterDateOfTheSameWeekRefreshesTheWholeWeekWithTheEarlierDatesPlays(@TempDir Path files) throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String header = "user_id,track_id,listen_time\n";
        Path monday = java.nio.file.Files.writeString(files.resolve("monday.csv"), header
                + "1,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-24 10:00:00\n2,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-24 11:00:00\n"
                + "3,4osgfFTICMkcGbbigdsa53,2024-06-30 23:59:59\n");       // Sunday: same week
        Path tuesday = java.nio.file.Files.writeString(files.resolve("tuesday.csv"), header
                + "1,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-25 10:00:00\n4,4osgfFTICMkcGbbigdsa53,2024-07-01 00:00:00\n"); // next week

        harness.ingest("raw/streams/lab/monday.csv", monday);
        harness.ingest("raw/streams/lab/tuesday.csv", tuesday);

        // The second load refreshes 2024-06-25 and 2024-07-01 only; their weeks still count the first load's plays.
        AudienceReference.Tables expected = AudienceReference.compute(List.of(), List.of(), List.of(monday, tuesday));
        KpiTablesAssert.assertListenerTablesEqual(harness::query, expected);
        assertThat(expected.trackWeekly()).extracting(w -> w.weekStart() + " " + w.trackId() + " " + w.plays())
                .containsExactly("2024-06-24 4dBa8T7oDV9WvGr7kVS4Ez 3", "2024-06-24 4osgfFTICMkcGbbigdsa53 1",
                        "2024-07-01 4osgfFTICMkcGbbigdsa53 1");
    }

    @Test
    void songsArrivingAfterThePlaysTurnOrphanPlaysIntoGenrePlays() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        harness.ingest("raw/streams/lab/streams1.csv", lab.resolve("streams1.csv"));
        KpiReference.Tables withoutSongs = KpiReference.compute(List.of(), List.of(lab.resolve("streams1.csv")));
        KpiTablesAssert.assertWarehouseEquals(harness::query, withoutSongs);
        assertThat(harness.query("SELECT DISTINCT genre FROM kpi_genre_daily")).extracting(r -> r.get("genre")).containsExactly("unknown");

        harness.ingest("raw/songs/lab/songs.csv", lab.resolve("songs.csv"));

        KpiTablesAssert.assertWarehouseEquals(harness::query,
                KpiReference.compute(List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"))));
        assertThat(harness.query("SELECT COUNT(DISTINCT genre) AS n FROM kpi_genre_daily").get(0).get("n")).isNotEqualTo(1L);
    }

    @Test
    void reloadingTheSameRowsChangesNothing() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        harness.ingest("raw/songs/lab/songs.csv", lab.resolve("songs.csv"));
        harness.ingest("raw/streams/lab/streams2.csv", lab.resolve("streams2.csv"));
        var before = harness.query("SELECT * FROM kpi_genre_daily ORDER BY genre");
        long plays = harness.count("fact_streams");

        List<ObjectOutcome> again = harness.ingest("raw/streams/lab/streams2-again.csv", lab.resolve("streams2.csv"));
        List<ObjectOutcome> songsAgain = harness.ingest("raw/songs/lab/songs-again.csv", lab.resolve("songs.csv"));

        assertThat(again).singleElement().satisfies(o -> assertThat(o.rowsIn()).isEqualTo(11_346));
        assertThat(songsAgain).singleElement().satisfies(o -> assertThat(o.rowsIn()).isEqualTo(28_076));
        assertThat(harness.count("fact_streams")).isEqualTo(plays);
        assertThat(harness.query("SELECT * FROM kpi_genre_daily ORDER BY genre")).isEqualTo(before);
        assertThat(harness.ingest.ledger(harness.ingest.event("staged/streams/lab/streams2-again.csv.zst"), Stage.LOAD)
                .orElseThrow()).satisfies(entry -> {
                    assertThat(entry.status()).isEqualTo(LedgerStatus.SUCCEEDED);
                    assertThat(entry.affectedDates()).as("nothing new, no date to refresh").isEmpty();
                });
    }

    @Test
    void twoOverlappingRefreshesOfTheSameDatesLeaveTheRowsOneRefreshLeaves() throws Exception {
        WarehouseHarness harness = new WarehouseHarness(spill);
        harness.ingest("raw/songs/lab/songs.csv", lab.resolve("songs.csv"));
        harness.ingest("raw/streams/lab/streams3.csv", lab.resolve("streams3.csv"));
        KpiRefresh refresh = new KpiRefresh(harness.warehouse);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> runs = List.of("overlap-a", "overlap-b").stream()
                    .map(id -> pool.submit((Callable<Object>) () -> {
                        start.await();
                        refresh.refresh(id);
                        return null;
                    }))
                    .toList();
            start.countDown();
            for (Future<Object> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        KpiTablesAssert.assertWarehouseEquals(harness::query,
                KpiReference.compute(List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams3.csv"))));
        assertThat(harness.query("SELECT DISTINCT refresh_id FROM kpi_hourly")).hasSize(1);
    }

    @Test
    void aFailingStatementSurfacesTheWarehouseErrorAndNeverPassesSilently() {
        WarehouseHarness harness = new WarehouseHarness(spill);

        assertThatThrownBy(() -> harness.warehouse.execute("SELECT * FROM no_such_table", Map.of()))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("relation \"no_such_table\" does not exist")
                .hasMessageContaining("statement: SELECT * FROM no_such_table");
        assertThatThrownBy(() -> harness.warehouse.executeBatch(List.of("CREATE TABLE t_ok (a INTEGER)", "INSERT INTO t_ok VALUES ('x')")))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining("invalid input syntax for type integer")
                .hasMessageContaining("INSERT INTO t_ok");
        assertThat(harness.query("SELECT to_regclass('t_ok') AS t").get(0).get("t")).as("the batch rolled back").isNull();
    }

    @Test
    void aStatementThatOutlivesItsTimeoutIsCancelledAndReported() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        var impatient = new io.backbeat.functions.warehouse.RedshiftDataStatementRunner(WarehouseHarness.REDSHIFT.client(),
                harness.target, java.time.Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.execute("SELECT pg_sleep(30)", Map.of()))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo("TIMED OUT");
                    assertThat(e).hasMessageContaining("cancelled");
                    assertThat(finalStatus(e.statementId())).isEqualTo("ABORTED");
                });
    }

    /** Cancelling is asynchronous, as in Redshift: wait (a few seconds at most) for the statement to end. */
    private static String finalStatus(String statementId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        String status;
        do {
            status = WarehouseHarness.REDSHIFT.client().describeStatement(r -> r.id(statementId)).statusAsString();
        } while (List.of("SUBMITTED", "PICKED", "STARTED").contains(status) && System.nanoTime() < deadline);
        return status;
    }

    @Test
    void hostileTextValuesAreStoredVerbatim() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String[] names = {"O'Brien; DROP TABLE dim_users;--", "Robert\"); DELETE FROM fact_streams; --", "名前 🎵 émoji",
            "back\\slash \\' quote", "semi;colon, comma"};
        StringBuilder users = new StringBuilder("user_id,user_name,user_age,user_country,created_at\n");
        for (int i = 0; i < names.length; i++) {
            users.append(i + 1).append(",\"").append(names[i].replace("\"", "\"\"")).append("\",30,\"Côte d'Ivoire\",2024-01-0")
                    .append(i + 1).append('\n');
        }

        harness.ingest("raw/users/it's; a \"hostile\" key.csv", users.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(harness.query("SELECT user_name FROM dim_users ORDER BY user_id")).extracting(r -> r.get("user_name"))
                .containsExactly((Object[]) names);
        // Provenance per load: each row's load_id leads to the object its load read.
        assertThat(harness.query("SELECT DISTINCT u.user_country, r.object_id FROM dim_users u JOIN load_requests r ON r.load_id = u.load_id"))
                .singleElement().satisfies(row -> {
            assertThat(row.get("user_country")).isEqualTo("Côte d'Ivoire");
            assertThat((String) row.get("object_id")).contains("staged/users/it's; a \"hostile\" key.csv.zst#etag=");
        });
        assertThat(WarehouseHarness.REDSHIFT.receivedStatements()).extracting(s -> s.sql()).as("user text reaches SQL only as parameters")
                .noneMatch(sql -> ((String) sql).contains("O'Brien") || ((String) sql).contains("hostile"));
    }
}
