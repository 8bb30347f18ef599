package io.backbeat.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.cli.CommandRun;
import io.backbeat.fixtures.kpi.AudienceReference;
import io.backbeat.fixtures.kpi.KpiReference;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@code upload}, {@code status} and {@code kpis} against a local stack. */
class UploadStatusKpisCommandsTest extends OnALocalStack {

    @Test
    void uploadSendsLargeFilesInPartsAndTheNotificationsRunThePipelineWhichStatusShows() throws Exception {
        Path plays = work.resolve("plays");
        DatasetGenerator.generate(GeneratorOptions.builder().plays(200_000).days(1).startDate(LAB_DAY).build(), plays);
        assertThat(Files.size(plays.resolve("streams.csv"))).as("bigger than one part").isGreaterThan(8L << 20);

        CommandRun songs = run("upload", "--local", stackFile.toString(), "--dataset", "songs", plays.resolve("songs.csv").toString());
        CommandRun streams = run("upload", "--local", stackFile.toString(), "--dataset", "streams", "--prefix", "2024/06",
                plays.resolve("streams.csv").toString());

        assertThat(songs.exitCode()).as(songs.err()).isZero();
        assertThat(streams.exitCode()).as(streams.err()).isZero();
        assertThat(streams.out()).contains("to s3://" + local.bucket() + "/raw/streams/2024/06/streams.csv")
                .containsPattern("ETag \"?[0-9a-f]{32}-[2-9]\"?"); // a multipart upload's ETag: MD5 of parts, then their count
        assertThat(local.settle(Duration.ofMinutes(3))).isTrue();
        CommandRun status = run("status", "--local", stackFile.toString());
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out())
                .containsPattern("raw/streams/2024/06/streams.csv +succeeded +succeeded +succeeded +200,0\\d\\d +200,000 ")
                .containsPattern("raw/songs/songs.csv +succeeded +succeeded +succeeded ")
                .contains("KPI refreshes: ").doesNotContain("Failures");
    }

    @Test
    void uploadRefusesAFileValidationWouldRejectWholeUnlessForcedAndStatusThenShowsTheRejection() throws Exception {
        Path bad = Files.writeString(work.resolve("users-bad.csv"), "user_id,user_name\n1,Ann\n");

        CommandRun refused = run("upload", "--local", stackFile.toString(), "--dataset", "users", bad.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ": validation would reject the whole file").contains("user_age")
                .contains("--force");
        assertThatThrownBy(() -> local.s3().headObject(r -> r.bucket(local.bucket()).key("raw/users/users-bad.csv")))
                .isInstanceOf(NoSuchKeyException.class);

        CommandRun forced = run("upload", "--local", stackFile.toString(), "--dataset", "users", "--force", bad.toString());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(local.settle(Duration.ofMinutes(2))).isTrue();
        CommandRun status = run("status", "--local", stackFile.toString(), "--failed");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).containsPattern("raw/users/users-bad.csv +rejected ")
                .contains("validate rejected: raw/users/users-bad.csv: ").contains("user_age");
    }

    @Test
    void uploadRefusesAFileTheBucketWouldNotStartThePipelineFor() {
        Path text = work.resolve("plays.txt");
        CommandRun missing = run("upload", "--local", stackFile.toString(), "--dataset", "streams", text.toString());
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.err()).contains(text + " is not a readable file");

        CommandRun misnamed = run("upload", "--local", stackFile.toString(), "--dataset", "streams", write(text, "user_id\n").toString());
        assertThat(misnamed.exitCode()).isEqualTo(64);
        assertThat(misnamed.err()).contains(text + " does not end in .csv or .csv.gz").contains("rename the file");
    }

    @Test
    void kpisPrintsTheDayFromTheServingTableEqualToTheReference() throws Exception {
        upload("songs.csv", "songs");
        upload("streams1.csv", "streams");
        assertThat(local.settle(Duration.ofMinutes(3))).isTrue();

        CommandRun run = run("kpis", "--local", stackFile.toString(), "--date", LAB_DAY.toString(), "--table", "kpi_top_genres_daily", "--csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<KpiReference.TopGenre> expected = KpiReference.compute(List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"))).topGenresDaily();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(run.out())) {
            List<CsvRecord> records = csv.stream().toList();
            assertThat(records.get(0).getFields()).containsExactly("listen_date", "rank", "genre", "plays");
            assertThat(records.subList(1, records.size())).extracting(r -> r.getField(2) + "=" + r.getField(3))
                    .containsExactlyElementsOf(expected.stream().map(g -> g.genre() + "=" + g.plays()).toList());
        }
        CommandRun sessions = run("kpis", "--local", stackFile.toString(), "--date", LAB_DAY.toString(), "--table",
                "kpi_sessions_daily", "--csv");
        AudienceReference.SessionsDaily day = AudienceReference.compute(List.of(), List.of(lab.resolve("songs.csv")),
                List.of(lab.resolve("streams1.csv"))).sessionsDaily().get(0);
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(sessions.out())) {
            List<CsvRecord> records = csv.stream().toList();
            assertThat(records).hasSize(2);
            assertThat(records.get(1).getField(1)).isEqualTo(Long.toString(day.sessions()));
            assertThat(Double.parseDouble(records.get(1).getField(3))).isCloseTo(day.avgPlaysPerSession(), within(1e-9));
        }
        CommandRun all = run("kpis", "--local", stackFile.toString(), "--date", LAB_DAY.toString());
        assertThat(all.out()).contains("kpi_hourly, 2024-06-25 (24 rows)").contains("kpi_daily_engagement, 2024-06-25 (1 row)")
                .contains("kpi_sessions_daily, 2024-06-25 (1 row)")
                .contains("kpi_demographics_daily, 2024-06-25 (1 row)") // no users loaded: every play is unknown/unknown
                .doesNotContain("kpi_track_weekly");
        CommandRun none = run("kpis", "--local", stackFile.toString(), "--date", "2001-01-01");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("No KPIs for 2001-01-01");
    }

    @Test
    void aLocalStackThatIsNotDescribedIsRefusedSayingHowToStartOne() {
        CommandRun run = run("status", "--local", work.resolve("nothing.json").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("no local stack is described at " + work.resolve("nothing.json"))
                .contains("backbeat local run --keep");
    }
}
