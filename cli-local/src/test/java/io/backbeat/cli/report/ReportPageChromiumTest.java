package io.backbeat.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the page in real headless Chromium (Debian's package) and checks what its script drew. */
class ReportPageChromiumTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static Path chromium;

    @TempDir
    Path temp;

    @BeforeAll
    static void findChromium() {
        Optional<Path> found = Stream.concat(
                        Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                                .filter(dir -> !dir.isEmpty())
                                .map(dir -> Path.of(dir, "chromium")),
                        Stream.of(Path.of("/usr/bin/chromium")))
                .filter(Files::isExecutable)
                .findFirst();
        Assumptions.assumeTrue(found.isPresent(),
                "Chromium not found on PATH or at /usr/bin/chromium; install it with: apt-get install chromium");
        chromium = found.get();
    }

    private static Document twoDaysDom;

    @Test
    void page_drawsEveryChartFromTheKnownData() throws Exception {
        Document dom = twoDays();

        assertThat(dom.select("[data-chart]")).hasSize(14);
        assertThat(dom.select("[data-chart]:not(#sessions, #app-headline)")).allSatisfy(chart ->
                assertThat(chart.select("svg")).as(chart.id()).isNotEmpty());
        assertThat(dom.select(".no-data")).as("no-data messages").isEmpty();
        assertThat(dom.select("svg")).allSatisfy(svg -> {
            assertThat(svg.attr("aria-label")).isNotBlank();
            assertThat(svg.child(0).tagName()).isEqualTo("title");
        });
        assertThat(dom.select("rect.bar")).isNotEmpty().allSatisfy(bar -> {
            assertThat(bar.hasAttr("data-value")).isTrue();
            assertThat(bar.selectFirst("title")).isNotNull();
        });
        assertThat(dom.select("script")).as("no script injected by data").hasSize(2);
        assertThat(dom.select("img")).as("no image injected by a page or song name").isEmpty();
        assertThat(dom.title()).as("no injected handler ran").isEqualTo("Local run <test> & \"checks\"");
    }

    @Test
    void page_showsTheAppActivityOfTheLatestDay() throws Exception {
        Document dom = twoDays();

        assertThat(dom.select("#app-headline .stat")).extracting(stat -> stat.select(".name").text() + ": "
                        + stat.select(".value").text() + " (" + stat.select(".sub").text() + ")")
                .containsExactly("Events: 120 (on 2026-01-02; 160 in 2 days)", "Sessions: 15 (8 events per session)",
                        "Active users: 12 (7 at the paid level)", "Guest events: 9 (7.5% of events, no user signed in)");
        // Pages by events, ties by name; users and sessions under each page.
        assertThat(dom.select("#app-pages g.row")).extracting(row -> row.select("rect.bar").attr("data-page") + "="
                        + row.select("text.value-label").text() + " (" + row.select("text.sub").text() + ")")
                .containsExactly("NextSong=80 (11 users · 14 sessions)", "Home=14 (9 users · 12 sessions)",
                        "Login=6 (0 users · 6 sessions)", "Thumbs Up=6 (5 users · 5 sessions)",
                        SampleReports.IMG_INJECTION + "=5 (2 users · 2 sessions)", "Logout=4 (4 users · 4 sessions)",
                        "Submit Upgrade=2 (2 users · 2 sessions)", "Cancel=1 (1 user · 1 session)",
                        "Cancellation Confirmation=1 (1 user · 1 session)", "Submit Downgrade=1 (1 user · 1 session)");
        assertThat(dom.select("#app-pages text.label").subList(0, 4)).extracting(Element::text)
                .containsExactly("NextSong", "Home", "Login", "Thumbs Up");
        assertThat(dom.select("#app-pages g.row > title").get(4).text())
                .isEqualTo(SampleReports.IMG_INJECTION + ": 5 events, 2 users, 2 sessions");
        assertThat(dom.select("#app-top-songs g.row")).extracting(row -> row.select("rect.bar").attr("data-value"))
                .containsExactly("9", "7", "7", "3");
        assertThat(dom.select("#app-top-songs text.label")).extracting(Element::text).first().isEqualTo("1. Mr. Brightside");
        assertThat(dom.select("#app-top-songs g.row > title").get(1).text())
                .isEqualTo(SampleReports.IMG_INJECTION + " by " + SampleReports.HOSTILE + ": 7 plays (rank 2)");
        assertThat(dom.select("#app-plays rect.bar"))
                .extracting(bar -> bar.attr("data-day") + "/" + bar.attr("data-part") + "=" + bar.attr("data-value"))
                .containsExactly("2026-01-01/paid=15", "2026-01-01/free=10", "2026-01-02/paid=56", "2026-01-02/free=24");
        assertThat(dom.select("#app-plays .caption").text()).isEqualTo("2026-01-02: 56 paid, 24 free of 80 song plays (70% paid)");
        assertThat(dom.select("#app-plays .legend .key")).extracting(Element::text).containsExactly("Paid plays", "Free plays");
        assertThat(dom.select("#app-changes rect.bar"))
                .extracting(bar -> bar.attr("data-day") + "/" + bar.attr("data-part") + "=" + bar.attr("data-value"))
                .containsExactly("2026-01-01/upgrade=1", "2026-01-01/downgrade=0", "2026-01-01/cancellation=0",
                        "2026-01-02/upgrade=2", "2026-01-02/downgrade=1", "2026-01-02/cancellation=1");
        assertThat(dom.select("#app-changes rect.selected")).extracting(bar -> bar.attr("data-day")).containsOnly(SampleReports.LATEST_DAY);
        assertThat(dom.select("#app-changes .legend .key")).extracting(Element::text)
                .containsExactly("Upgrades", "Downgrades", "Cancellations");
    }

    @Test
    void page_showsTheDaysSessionsAndItsPlaysByAgeBandAndByCountry() throws Exception {
        Document dom = twoDays();

        assertThat(dom.select("#sessions .value")).extracting(value -> value.attr("data-value"))
                .containsExactly("20", "2.45", "612.5", "490000.0");
        assertThat(dom.select("#sessions .value")).extracting(Element::text)
                .containsExactly("20", "2.45", "10.21 min", "8.17 min");
        // Age bands in their order, each summed over the countries; countries by plays, summed over the bands.
        assertThat(dom.select("#age-bands rect.bar")).extracting(bar -> bar.attr("data-age-band") + "=" + bar.attr("data-value"))
                .containsExactly("18-24=9", "25-34=35", "unknown=5");
        assertThat(dom.select("#countries rect.bar")).extracting(bar -> bar.attr("data-country") + "=" + bar.attr("data-value"))
                .containsExactly("Brazil=29", SampleReports.HOSTILE + "=15", "unknown=5");
    }

    @Test
    void page_defaultsToTheLatestDayAndDrawsItsHours() throws Exception {
        Document dom = twoDays();

        Element picker = dom.getElementById("day");
        assertThat(picker).isNotNull();
        assertThat(picker.select("option")).extracting(Element::val)
                .containsExactly(SampleReports.LATEST_DAY, SampleReports.FIRST_DAY);
        assertThat(picker.selectFirst("option[selected]").val()).isEqualTo(SampleReports.LATEST_DAY);
        assertThat(dom.select("#hourly rect.plays")).extracting(bar -> List.of(bar.attr("data-hour"), bar.attr("data-value")))
                .isEqualTo(SampleReports.LATEST_HOURS.stream().map(hour -> hour.subList(0, 2)).toList());
        assertThat(dom.select("#hourly circle.listeners")).extracting(dot -> dot.attr("data-value"))
                .isEqualTo(SampleReports.LATEST_HOURS.stream().map(hour -> hour.get(2)).toList());
        assertThat(dom.select("#daily rect.bar")).extracting(bar -> bar.attr("data-value")).containsExactly("10", "49");
        assertThat(dom.select("#daily rect.selected")).extracting(bar -> bar.attr("data-day"))
                .containsExactly(SampleReports.LATEST_DAY);
        assertThat(dom.select("#headline .value")).extracting(value -> value.attr("data-value"))
                .containsExactly("49", "14", "2", "12");
    }

    @Test
    void page_drawsTopTracksAndGenresInRankOrderAsText() throws Exception {
        Document dom = twoDays();

        assertThat(dom.select("#top-tracks rect.bar")).extracting(bar -> bar.attr("data-rank") + ":" + bar.attr("data-value"))
                .containsExactly("1:20", "2:12", "3:9", "4:2");
        assertThat(dom.select("#top-tracks g.row > title").get(1).text()).startsWith(SampleReports.HOSTILE.strip());
        assertThat(dom.select("#top-genres rect.bar")).extracting(bar -> bar.attr("data-value")).containsExactly("22", "15", "10", "2");
        assertThat(dom.select("#genre-popularity rect.bar")).extracting(bar -> bar.attr("data-value"))
                .containsExactly("14.96", "9.75", "5.1");
        assertThat(dom.select("#genre-popularity g.row")).hasSize(4).last()
                .satisfies(row -> assertThat(row.select("text.na").text()).isEqualTo("n/a"));
    }

    @Test
    void page_drawsValidAndRejectedRowsAndReasons() throws Exception {
        Document dom = twoDays();

        assertThat(dom.select("#data-quality rect[data-part]"))
                .extracting(bar -> bar.attr("data-dataset") + "/" + bar.attr("data-part") + "=" + bar.attr("data-value"))
                .containsExactly("users/valid=100", "users/rejected=0", "songs/valid=48", "songs/rejected=2",
                        "streams/valid=990", "streams/rejected=10");
        assertThat(dom.select("#data-quality rect.reason"))
                .extracting(bar -> bar.attr("data-dataset") + "/" + bar.attr("data-reason") + "=" + bar.attr("data-value"))
                .containsExactly("songs/missing_value=2", "streams/bad_timestamp=7", "streams/duplicate_key=3");
    }

    @Test
    void page_showsNoDataInEveryChartOfAnEmptyReport() throws Exception {
        Document dom = dumpDom(SampleReports.empty());

        assertThat(dom.getElementById("day")).isNull();
        assertThat(dom.select("[data-chart]")).hasSize(8).allSatisfy(chart ->
                assertThat(chart.select("p.no-data")).as(chart.id()).hasSize(1));
        assertThat(dom.select("#headline .value")).extracting(Element::text).containsExactly("–", "–", "–", "0");
        assertThat(dom.select("#app-activity > p.no-data").text())
                .isEqualTo("No app events in this run: no events file was loaded, or none of its events was valid.");
        assertThat(dom.select("#app-activity svg, #app-activity .stat")).as("app charts and figures").isEmpty();
    }

    @Test
    void page_paintsAScreenshot() throws Exception {
        Path page = write(SampleReports.twoDays());
        Path png = temp.resolve("report.png");

        run(List.of("--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars", page.toUri().toString()));

        assertThat(png).exists();
        assertThat(Files.size(png)).as("screenshot bytes").isGreaterThan(10_000);
    }

    /**
     * The two-day sample as Chromium draws it, dumped once for the tests that only read it: each Chromium start costs
     * seconds of CPU.
     */
    private Document twoDays() throws Exception {
        if (twoDaysDom == null) {
            twoDaysDom = dumpDom(SampleReports.twoDays());
        }
        return twoDaysDom.clone();
    }

    private Document dumpDom(RunReport report) throws Exception {
        Path page = write(report);
        return Jsoup.parse(run(List.of("--dump-dom", page.toUri().toString())), page.toUri().toString());
    }

    private Path write(RunReport report) throws IOException {
        return Files.writeString(temp.resolve("report.html"), ReportPage.render(report), StandardCharsets.UTF_8);
    }

    /** Runs Chromium with the common flags and {@code arguments}; returns its standard output. */
    private String run(List<String> arguments) throws Exception {
        Path profile = Files.createTempDirectory(temp, "profile");
        Path out = temp.resolve("chromium.out");
        Path err = temp.resolve("chromium.err");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish within %d s: %s%nstderr:%n%s", TIMEOUT_SECONDS, command, Files.readString(err));
        }
        if (process.exitValue() != 0) {
            fail("Chromium exited with %d: %s%nstderr:%n%s", process.exitValue(), command, Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return dom;
    }
}
