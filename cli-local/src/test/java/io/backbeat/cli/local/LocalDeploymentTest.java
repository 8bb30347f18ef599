package io.backbeat.cli.local;

import io.backbeat.cli.SynthesizedStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.LedgerSchema;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.ServingSchema;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.fixtures.kpi.AudienceReference;
import io.backbeat.fixtures.kpi.KpiTablesAssert;
import io.backbeat.fixtures.lab.LabSample;
import io.backbeat.functions.kpi.DynamoDbLoadsInFlight;
import io.backbeat.functions.kpi.PublishHandler;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.load.LoadHandler;
import io.backbeat.infra.KpiStateMachine;
import io.backbeat.localcloud.stepfunctions.Bindings;
import io.backbeat.localcloud.stepfunctions.ExecutionResult;
import io.backbeat.localcloud.stepfunctions.ExecutionStatus;
import io.backbeat.localcloud.stepfunctions.LocalStateMachine;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import io.backbeat.warehouse.KpiSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stack as CDK synthesizes it, run on the local cloud: files uploaded to the local bucket flow
 * through the template's notifications to the functions, and the template's state machine refreshes
 * and publishes the KPIs.
 */
class LocalDeploymentTest {
    private static final LocalDate LAB_DAY = LocalDate.of(2024, 6, 25);
    private static SynthesizedTemplate template;
    private static Path lab;

    @TempDir
    Path work;

    @BeforeAll
    static void synthesizeTheStack(@TempDir Path directory) {
        template = SynthesizedStack.template();
        lab = LabSample.extractTo(directory.resolve("lab"));
    }

    @Test
    void theLabSampleUploadedInAnyOrderEndsInTheReferenceKpisTheServingTableAndTheLedger() throws Exception {
        List<String> files = new ArrayList<>(LabSample.FILES);
        long seed = Long.getLong("backbeat.seed", System.nanoTime());
        System.out.println("LocalDeploymentTest uploads the lab sample in the order of seed " + seed
                + " (replay it with -Dbackbeat.seed=" + seed + ")");
        Collections.shuffle(files, new Random(seed));
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            for (String file : files) {
                local.upload(rawKey(file), lab.resolve(file));
            }

            assertThat(local.settle(Duration.ofMinutes(5))).as("the pipeline settles").isTrue();

            assertThat(local.deadLetters()).isEmpty();
            assertThat(local.executions()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.refusal()).isNull();
                assertThat(e.result().status()).as(e.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            });
            KpiReference.Tables expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                    List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv")));
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)), expected);
            // Users arrive before, between or after the plays in this order: the listener tables end the same.
            KpiTablesAssert.assertListenerTablesEqual(KpiTablesAssert.on(() -> connect(local)),
                    AudienceReference.compute(List.of(lab.resolve("users.csv")), List.of(lab.resolve("songs.csv")),
                            List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv"))));
            assertThat(served(local, KpiSql.HOURLY)).hasSize(expected.hourly().size());
            assertThat(served(local, KpiSql.DAILY_ENGAGEMENT).get("day").get("total_plays").n())
                    .isEqualTo(Long.toString(expected.dailyEngagement().get(0).totalPlays()));
            for (String file : files) {
                ZoneKey raw = ZoneKey.parse(rawKey(file));
                assertThat(status(local, raw.key(), Stage.VALIDATE)).isEqualTo(LedgerStatus.SUCCEEDED.name());
                assertThat(status(local, raw.validated().key(), Stage.TRANSFORM)).isEqualTo(LedgerStatus.SUCCEEDED.name());
                assertThat(status(local, raw.validated().staged().key(), Stage.LOAD)).isEqualTo(LedgerStatus.SUCCEEDED.name());
            }
            assertThat(statuses(local, Stage.KPI_REFRESH)).isNotEmpty().contains(LedgerStatus.SUCCEEDED.name())
                    .isSubsetOf(LedgerStatus.SUCCEEDED.name(), LedgerStatus.COALESCED.name());
            assertThat(unclaimedDates(local)).as("every date a load changed was refreshed").isZero();
            assertThat(lease(local)).as("no load left in flight").doesNotContainKey(LedgerSchema.LOADING);
            // As deployed: load's statements run as its role's database user, the state machine's as the publish role's.
            String loadUser = "IAMR:" + template.roleOf(template.functionRunning(LoadHandler.class.getName()).logicalId());
            String refreshUser = "IAMR:" + template.roleOf(template.functionRunning(PublishHandler.class.getName()).logicalId());
            assertThat(local.redshift().receivedStatements()).filteredOn(s -> s.sql().startsWith("COPY ")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.user()).isEqualTo(loadUser));
            assertThat(local.redshift().receivedStatements()).filteredOn(s -> s.sql().startsWith("CALL backbeat_refresh_kpis"))
                    .isNotEmpty().allSatisfy(s -> assertThat(s.user()).isEqualTo(refreshUser));
        }
    }

    @Test
    void loadsArrivingWhileARefreshRunsAreCoalescedIntoExactlyOneSuccessorAndTheKpisEqualTheReference() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        // Holds the first execution in its publication, after its refresh committed, until the other loads are in.
        Bindings.TaskListener holdFirstPublication = state -> {
            if (state.equals(KpiStateMachine.selectState(KpiSql.HOURLY)) && held.compareAndSet(false, true)) {
                holding.countDown();
                await(release);
            }
        };
        try (LocalDeployment local = LocalDeployment.start(template, work, holdFirstPublication)) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(holding.await(2, TimeUnit.MINUTES)).as("the first refresh reaches its publication").isTrue();

            local.upload(rawKey("streams2.csv"), lab.resolve("streams2.csv"));
            local.upload(rawKey("streams3.csv"), lab.resolve("streams3.csv"));
            awaitExecutions(local, 2, Duration.ofMinutes(3));
            assertThat(local.executions()).as("both loads' executions found the lease held and ended").hasSize(2)
                    .allSatisfy(e -> assertThat(e.result().statesEntered()).contains(KpiStateMachine.COALESCED)
                            .doesNotContain(KpiStateMachine.REFRESH));
            release.countDown();
            assertThat(local.settle(Duration.ofMinutes(5))).as("the pipeline settles").isTrue();

            List<LocalKpiRefresh.Execution> executions = local.executions();
            assertThat(executions).allSatisfy(e -> assertThat(e.result().status()).as(e.name() + ": " + e.result().cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED));
            assertThat(executions).as("three loads, one successor").hasSize(4);
            List<LocalKpiRefresh.Execution> successors = executions.stream().filter(LocalKpiRefresh.Execution::successor).toList();
            assertThat(successors).as("exactly one extra refreshing execution").singleElement().satisfies(successor ->
                    assertThat(successor.result().statesEntered()).contains(KpiStateMachine.REFRESH, KpiStateMachine.PUBLISH)
                            .doesNotContain(KpiStateMachine.START_SUCCESSOR));
            assertThat(statuses(local, Stage.KPI_REFRESH)).containsExactlyInAnyOrder(LedgerStatus.SUCCEEDED.name(),
                    LedgerStatus.COALESCED.name(), LedgerStatus.COALESCED.name(), LedgerStatus.SUCCEEDED.name());
            KpiReference.Tables expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                    List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"), lab.resolve("streams3.csv")));
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)), expected);
            assertThat(unclaimedDates(local)).isZero();
            // Published by the successor, after the first execution published: the serving table holds the newest KPIs.
            assertThat(served(local, KpiSql.HOURLY)).hasSize(expected.hourly().size());
            assertThat(served(local, KpiSql.DAILY_ENGAGEMENT).get("day").get("total_plays").n())
                    .isEqualTo(Long.toString(expected.dailyEngagement().get(0).totalPlays()));
            assertThat(served(local, KpiSql.DAILY_ENGAGEMENT).get("day").get(ServingSchema.REFRESH_ID).s())
                    .isEqualTo(successors.get(0).name());
            assertThat(lease(local)).doesNotContainKey(LedgerSchema.OWNER);
        }
    }

    @Test
    void aRefreshWaitsForTheLoadsInFlightThenRefreshesOnceWithThePlaysOfAllWhoEndedMeanwhile() throws Exception {
        AtomicInteger settledChecks = new AtomicInteger();
        try (LocalDeployment local = LocalDeployment.start(template, work, counting(KpiStateMachine.LOADS_SETTLED, settledChecks))) {
            // Songs first, settled: their load has no plays to refresh, so the plays' load starts the first execution.
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
            // Another load in flight, as a load marks itself: until it ends, or its deadline in ten minutes.
            String otherLoad = DynamoDbLoadsInFlight.deadline(Instant.now().plus(Duration.ofMinutes(10)))
                    + " s3://elsewhere/staged/streams/other.csv.zst#1";
            markInFlight(local, otherLoad);

            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(awaitAtLeast(settledChecks::get, 5, Duration.ofMinutes(3)))
                    .as("the holder checks again and again while the other load is in flight")
                    .isGreaterThanOrEqualTo(5);
            // A load that ends while the holder waits: its execution finds the lease held and registers.
            local.upload(rawKey("streams2.csv"), lab.resolve("streams2.csv"));
            awaitExecutions(local, 1, Duration.ofMinutes(3));
            assertThat(local.executions()).singleElement().satisfies(e -> assertThat(e.result().statesEntered())
                    .contains(KpiStateMachine.COALESCED));
            assertThat(local.redshift().receivedStatements()).as("no refresh yet")
                    .noneMatch(s -> s.sql().startsWith("CALL backbeat_refresh_kpis"));

            unmark(local, otherLoad);
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

            assertThat(local.executions()).as("the holder and the one that registered; no successor").hasSize(2)
                    .allSatisfy(e -> assertThat(e.result().status()).as(e.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED))
                    .filteredOn(e -> e.result().statesEntered().contains(KpiStateMachine.REFRESH)).singleElement()
                    .satisfies(holder -> {
                        assertThat(holder.result().statesEntered()).contains(KpiStateMachine.WAIT_FOR_LOADS)
                                .doesNotContain(KpiStateMachine.START_SUCCESSOR);
                        // Each check ran once per entry: a condition that does not hold is an answer, never retried.
                        assertThat(settledChecks.get()).isEqualTo(
                                Collections.frequency(holder.result().statesEntered(), KpiStateMachine.LOADS_SETTLED));
                    });
            assertThat(local.redshift().receivedStatements()).filteredOn(s -> s.sql().startsWith("CALL backbeat_refresh_kpis"))
                    .hasSize(1);
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)), KpiReference.compute(
                    List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"))));
            assertThat(unclaimedDates(local)).isZero();
            assertThat(lease(local)).doesNotContainKeys(LedgerSchema.OWNER, LedgerSchema.LOADING, LedgerSchema.PENDING);
        }
    }

    @Test
    void aLoadMarkLeftPastTheLatestDeadlineDoesNotHoldTheRefresh() throws Exception {
        AtomicInteger settledChecks = new AtomicInteger();
        try (LocalDeployment local = LocalDeployment.start(template, work, counting(KpiStateMachine.LOADS_SETTLED, settledChecks))) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
            String live = DynamoDbLoadsInFlight.deadline(Instant.now().plus(Duration.ofMinutes(10))) + " s3://elsewhere/live#1";
            markInFlight(local, live);
            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(awaitAtLeast(settledChecks::get, 3, Duration.ofMinutes(3))).as("the holder waits").isGreaterThanOrEqualTo(3);

            // The live mark turns into one of a function killed, whose deadline, the latest, passes in a second; no
            // load begins or ends to remove it.
            String soon = DynamoDbLoadsInFlight.deadline(Instant.now().plusSeconds(1));
            String killed = soon + " s3://elsewhere/killed#1";
            markInFlight(local, killed);
            unmark(local, live);
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.result().status()).as(execution.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(execution.result().statesEntered()).contains(KpiStateMachine.WAIT_FOR_LOADS, KpiStateMachine.REFRESH);
            });
            assertThat(lease(local).get(LedgerSchema.LOADING).ss()).as("refreshed with the mark still there")
                    .containsExactly(killed);
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)),
                    KpiReference.compute(List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"))));
        }
    }

    @Test
    void aLeaseLeftByAHolderThatNoLongerRunsDoesNotBlockTheNextRefresh() throws Exception {
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            local.dynamoDb().putItem(r -> r.tableName(local.ledgerTable()).item(Map.of(
                    LedgerSchema.OBJECT, AttributeValue.fromS(LedgerSchema.LEASE_OBJECT),
                    LedgerSchema.STAGE, AttributeValue.fromS(LedgerSchema.LEASE_STAGE),
                    LedgerSchema.OWNER, AttributeValue.fromS(LocalStateMachine.executionArn("timed-out-long-ago")),
                    LedgerSchema.STARTED_AT, AttributeValue.fromS("2024-06-25T00:00:00Z"),
                    LedgerSchema.PENDING, AttributeValue.fromN("2"))));
            // Songs first, settled: their load has no plays to refresh, so the plays' load starts the only execution.
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.result().status()).as(execution.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(execution.result().statesEntered()).contains(KpiStateMachine.DESCRIBE_HOLDER,
                        KpiStateMachine.TAKE_OVER_LEASE, KpiStateMachine.REFRESH).doesNotContain(KpiStateMachine.START_SUCCESSOR);
            });
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)),
                    KpiReference.compute(List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"))));
            assertThat(lease(local)).doesNotContainKeys(LedgerSchema.OWNER, LedgerSchema.PENDING);
        }
    }

    @Test
    void anExecutionFailingOutsideItsCatchIsRecordedByTheRefreshMonitorAndFreesTheLease_failureInjectedByTheTaskListener()
            throws Exception {
        // No Catch can handle a failure of the local bindings: the way to end an execution as a timeout or an abort would.
        AtomicBoolean failed = new AtomicBoolean();
        Bindings.TaskListener failFirstPublication = state -> {
            if (state.equals(KpiStateMachine.selectState(KpiSql.HOURLY)) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected: the execution dies holding the lease");
            }
        };
        try (LocalDeployment local = LocalDeployment.start(template, work, failFirstPublication)) {
            // Songs first, settled: their load has no plays to refresh, so the plays' load starts the only execution.
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.result().status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(execution.result().statesEntered()).doesNotContain(KpiStateMachine.RECORD_FAILURE);
                assertThat(execution.monitored().recorded()).isTrue();
                assertThat(execution.monitored().released()).isTrue();
            });
            assertThat(new DynamoDbLedger(local.dynamoDb(), local.ledgerTable()).all())
                    .filteredOn(item -> item.stage().equals(Stage.KPI_REFRESH.id())).singleElement().satisfies(item -> {
                        assertThat(item.status()).isEqualTo(LedgerStatus.FAILED);
                        assertThat(item.error()).startsWith("execution FAILED: LocalStateMachine.BindingFailed").contains("injected");
                    });
            assertThat(lease(local)).doesNotContainKey(LedgerSchema.OWNER);

            local.upload(rawKey("streams2.csv"), lab.resolve("streams2.csv"));
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
            assertThat(local.executions()).hasSize(2).last().satisfies(execution ->
                    assertThat(execution.result().status()).isEqualTo(ExecutionStatus.SUCCEEDED));
            KpiTablesAssert.assertWarehouseEquals(KpiTablesAssert.on(() -> connect(local)), KpiReference.compute(
                    List.of(lab.resolve("songs.csv")), List.of(lab.resolve("streams1.csv"), lab.resolve("streams2.csv"))));
        }
    }

    @Test
    void aStatementPastItsDeadlineIsCancelledAndTheExecutionFailsSayingSo() throws Exception {
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv")); // songs settled first: only the plays start a refresh
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
            try (Connection connection = connect(local); Statement statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE PROCEDURE backbeat_refresh_kpis(p_refresh VARCHAR(64)) AS $$"
                        + " BEGIN PERFORM pg_sleep(120); END; $$ LANGUAGE plpgsql");
            }
            // The synthesized definition, deadline intact: with Waits of 10 ms, its 45 minutes of counted waits pass
            // in a few real seconds, while the statement sleeps for two minutes.
            ExecutionResult result;
            try (LocalStateMachine machine = LocalStateMachine.start(Bindings.builder()
                    .dynamoDbEndpoint(local.describe(0).dynamoDbEndpoint()).localRedshift(local.redshift()).build())) {
                result = machine.run(local.definition(),
                        "{\"refreshId\":\"slow\",\"dates\":[],\"objectId\":\"s3://landing/staged/streams/slow.csv.zst#v1\"}",
                        "slow", Duration.ofMinutes(2));
            }

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("Redshift.StatementTimedOut");
            assertThat(result.cause()).contains("of state 'Call refresh procedure' was still running after",
                    "was cancelled (CancelStatement)");
            assertThat(result.statesEntered()).contains("Cancel " + KpiStateMachine.REFRESH_STATEMENT,
                    KpiStateMachine.RECORD_FAILURE, KpiStateMachine.RELEASE_LEASE);
            String statementId = result.cause().substring("Redshift statement ".length(), result.cause().indexOf(" of state"));
            // CancelStatement returns once the cancel is asked for; the statement ends ABORTED when the database has
            // stopped it, which may be a moment later (the API reference promises no more: API_CancelStatement.html).
            assertThat(endStatus(local, statementId)).isEqualTo("ABORTED");
            assertThat(lease(local)).doesNotContainKey(LedgerSchema.OWNER);
        }
    }

    /** The statement's status once it is done (FINISHED, FAILED or ABORTED), asked every 50 ms for up to a minute. */
    private static String endStatus(LocalDeployment local, String statementId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String status;
        do {
            status = local.redshift().client().describeStatement(r -> r.id(statementId)).statusAsString();
            if (status.equals("FINISHED") || status.equals("FAILED") || status.equals("ABORTED")) {
                return status;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return status;
    }

    @Test
    void aLongListOfDatesTravelsOnceThroughTheExecution() throws Exception {
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv")); // songs settled first: only the plays start a refresh
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
            List<LocalDate> dates = new ArrayList<>();
            for (int day = 0; day < 12_000; day++) {
                dates.add(LocalDate.of(1990, 1, 1).plusDays(day));
            }
            local.kpiRefresh().start("long-dates", dates, "s3://landing/staged/streams/long.csv.zst#v1");
            assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.input().length()).as("input size").isGreaterThan(150_000);
                assertThat(execution.result().status()).as(execution.result().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(execution.result().output().length()).as("output size")
                        .isLessThan(execution.input().length() + 4_000);
            });
        }
    }

    @Test
    void aFailingRedshiftStatementIsRetriedThenTheFailureIsRecordedAndTheExecutionFailsWithItsError() throws Exception {
        try (LocalDeployment local = LocalDeployment.start(template, work)) {
            local.upload(rawKey("songs.csv"), lab.resolve("songs.csv"));
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
            try (Connection connection = connect(local); Statement statement = connection.createStatement()) {
                statement.execute("DROP PROCEDURE backbeat_refresh_kpis(VARCHAR)");
            }

            local.upload(rawKey("streams1.csv"), lab.resolve("streams1.csv"));
            assertThat(local.settle(Duration.ofMinutes(2))).isTrue();

            assertThat(local.executions()).singleElement().satisfies(execution -> {
                assertThat(execution.result().status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(execution.result().cause()).contains("backbeat_refresh_kpis").contains("does not exist");
                assertThat(execution.result().statesRetried()).isNotEmpty();
                assertThat(execution.result().statesEntered()).contains("Record failure");
            });
            assertThat(statuses(local, Stage.KPI_REFRESH)).containsExactly(LedgerStatus.FAILED.name());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test did not release the held execution within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitExecutions(LocalDeployment local, int count, Duration timeout) throws InterruptedException {
        awaitAtLeast(() -> local.executions().size(), count, timeout);
    }

    /** (load, date) pairs loads recorded that no refresh claimed. */
    private static long unclaimedDates(LocalDeployment local) throws SQLException {
        try (Connection connection = connect(local); Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM load_affected_dates a WHERE NOT EXISTS"
                        + " (SELECT 1 FROM kpi_refresh_claims c WHERE c.load_id = a.load_id AND c.listen_date = a.listen_date)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Counts the entries into the Task state {@code state}. */
    private static Bindings.TaskListener counting(String state, AtomicInteger entries) {
        return entered -> {
            if (entered.equals(state)) {
                entries.incrementAndGet();
            }
        };
    }

    /** The count once it reached {@code atLeast}, or as it is after {@code timeout}. */
    private static int awaitAtLeast(IntSupplier count, int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsInt() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return count.getAsInt();
    }

    /** Marks a load in flight as {@code DynamoDbLoadsInFlight} does: {@code <deadline> <object id>}, the bound raised to its deadline. */
    private static void markInFlight(LocalDeployment local, String mark) {
        updateLease(local, "ADD #loading :load SET #busy = :until", Map.of("#loading", LedgerSchema.LOADING,
                "#busy", LedgerSchema.LOADS_BUSY_UNTIL), Map.of(":load", AttributeValue.fromSs(List.of(mark)),
                ":until", AttributeValue.fromS(mark.substring(0, mark.indexOf(' ')))));
    }

    private static void unmark(LocalDeployment local, String mark) {
        updateLease(local, "DELETE #loading :load", Map.of("#loading", LedgerSchema.LOADING),
                Map.of(":load", AttributeValue.fromSs(List.of(mark))));
    }

    private static void updateLease(LocalDeployment local, String update, Map<String, String> names,
            Map<String, AttributeValue> values) {
        local.dynamoDb().updateItem(r -> r.tableName(local.ledgerTable()).key(DynamoDbLedger.leaseKey())
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> lease(LocalDeployment local) {
        return local.dynamoDb().getItem(r -> r.tableName(local.ledgerTable()).consistentRead(true)
                .key(DynamoDbLedger.leaseKey())).item();
    }

    private static String rawKey(String file) {
        String dataset = file.startsWith("streams") ? "streams" : file.substring(0, file.indexOf('.'));
        return "raw/" + dataset + "/lab/" + file;
    }

    private static Connection connect(LocalDeployment local) {
        try {
            return local.redshift().connect();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, AttributeValue>> served(LocalDeployment local, String kpiTable) {
        Map<String, Map<String, AttributeValue>> items = new java.util.LinkedHashMap<>();
        local.dynamoDb().queryPaginator(r -> r.tableName(local.servingTable())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ServingSchema.partitionKey(kpiTable, LAB_DAY)))))
                .items().forEach(item -> items.put(item.get(ServingSchema.SORT_KEY).s(), item));
        return items;
    }

    /** The ledger status of the (only) version of {@code key} at {@code stage}. */
    private static String status(LocalDeployment local, String key, Stage stage) {
        List<String> found = new ArrayList<>();
        local.dynamoDb().scanPaginator(r -> r.tableName(local.ledgerTable())).items().forEach(item -> {
            if (item.get(LedgerSchema.KEY) != null && item.get(LedgerSchema.KEY).s().equals(key)
                    && item.get(LedgerSchema.STAGE).s().equals(stage.id())) {
                found.add(item.get(LedgerSchema.STATUS).s());
            }
        });
        assertThat(found).as("ledger items of " + key + " at " + stage.id()).hasSize(1);
        return found.get(0);
    }

    private static List<String> statuses(LocalDeployment local, Stage stage) {
        List<String> found = new ArrayList<>();
        local.dynamoDb().scanPaginator(r -> r.tableName(local.ledgerTable())).items().forEach(item -> {
            if (item.get(LedgerSchema.STAGE).s().equals(stage.id())) {
                found.add(item.get(LedgerSchema.STATUS).s());
            }
        });
        return found;
    }
}
