package io.backbeat.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.cli.CommandRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code replay} of failed objects and of dead letters against a local stack. */
class ReplayCommandTest extends OnALocalStack {

    @Test
    void replayFailedRunsAFailedLoadAgainOnceTheCauseIsFixed() throws Exception {
        upload("songs.csv", "songs");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        warehouse("ALTER TABLE fact_streams RENAME TO fact_streams_away");
        upload("streams1.csv", "streams");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        CommandRun failing = run("status", "--local", stackFile.toString(), "--failed");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).containsPattern("raw/streams/streams1.csv +succeeded +succeeded +failed ")
                .contains("load failed: staged/streams/streams1.csv.zst: ").contains("fact_streams");
        assertThat(run("replay", "--local", stackFile.toString(), "--failed", "--dry-run").out())
                .contains("would replay staged/streams/streams1.csv.zst");

        warehouse("ALTER TABLE fact_streams_away RENAME TO fact_streams");
        CommandRun replay = run("replay", "--local", stackFile.toString(), "--failed");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed staged/streams/streams1.csv.zst");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        CommandRun fixed = run("status", "--local", stackFile.toString());
        assertThat(fixed.out()).containsPattern("raw/streams/streams1.csv +succeeded +succeeded +succeeded ");
        assertThat(run("kpis", "--local", stackFile.toString(), "--date", LAB_DAY.toString()).exitCode()).isZero();
    }

    @Test
    void replayOfAStagedObjectNoLongerInTheBucketNamesTheRawObjectToReplayInstead() {
        CommandRun replay = run("replay", "--local", stackFile.toString(), "--key", "staged/streams/2024/june.csv.zst",
                "--key", "raw/streams/never-uploaded.csv");

        assertThat(replay.exitCode()).isNotZero();
        assertThat(replay.err())
                .contains("cannot replay staged/streams/2024/june.csv.zst: the object is not in the bucket")
                .contains("staged/ objects expire (after 30 days, as the stack is deployed): replay the raw object instead,"
                        + " --key raw/streams/2024/june.csv")
                .contains("cannot replay raw/streams/never-uploaded.csv: the object is not in the bucket (deleted, or a key"
                        + " of another stack)\n");
    }

    @Test
    void replayDeadLettersRedrivesTheEventsThatFailedEveryRetryAndEmptiesTheQueue() throws Exception {
        upload("songs.csv", "songs");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        warehouse("ALTER TABLE fact_streams RENAME TO fact_streams_away");
        upload("streams2.csv", "streams");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        assertThat(run("replay", "--local", stackFile.toString(), "--dead-letters", "--dry-run").out())
                .contains("would replay staged/streams/streams2.csv.zst");

        warehouse("ALTER TABLE fact_streams_away RENAME TO fact_streams");
        CommandRun replay = run("replay", "--local", stackFile.toString(), "--dead-letters");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed staged/streams/streams2.csv.zst").contains("1 dead letter read, 1 replayed and deleted");
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        assertThat(run("status", "--local", stackFile.toString()).out())
                .containsPattern("raw/streams/streams2.csv +succeeded +succeeded +succeeded ");
        assertThat(run("replay", "--local", stackFile.toString(), "--dead-letters").out()).contains("0 dead letters read");
    }
}
