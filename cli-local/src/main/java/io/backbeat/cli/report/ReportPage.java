package io.backbeat.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.warehouse.KpiSql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The self-contained {@code report.html} of {@code backbeat local run}: one HTML5 document with its CSS,
 * its script and its data inline, that opens from disk with no network at all.
 *
 * <pre>{@code
 * Files.writeString(outDir.resolve("report.html"), ReportPage.render(report));
 * }</pre>
 *
 * <p>The data is embedded as JSON in {@code <script type="application/json" id="report-data">}, with
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped so that no value (a track called
 * {@code </script>}, say) can end the block. The inline script ({@code report.js}) draws the charts as SVG
 * and inserts every value as text, never as markup. A Content-Security-Policy allows only that script and
 * that style sheet (by hash) and no fetch of any kind.
 *
 * <p>The shape of the JSON: {@code title}, {@code generatedAt} (ISO-8601), {@code quality} (one object per
 * {@link DatasetQuality}, same field names) and {@code kpis}, an object with one entry per name of
 * {@link KpiSql#PUBLISHED} and of {@link KpiSql#APP_TABLES} (empty when the report has no such table) holding
 * {@code columns} and {@code rows} (text, the empty string for null).
 */
public final class ReportPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/io/backbeat/cli/report/";
    private static final String SCRIPT = resource("report.js");
    private static final String STYLE = resource("report.css");
    /** The daily tables of plays and of app events; kpi_track_weekly (a row per track and week) is in the CSV export only. */
    private static final List<String> SHOWN = Stream.concat(KpiSql.PUBLISHED.stream(), KpiSql.APP_TABLES.stream()).toList();
    private static final DateTimeFormatter GENERATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReportPage() {}

    /**
     * The page for {@code report}.
     *
     * @throws NullPointerException when {@code report} is null
     */
    public static String render(RunReport report) {
        Objects.requireNonNull(report, "report must not be null");
        String title = escapeHtml(report.title());
        String csp = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="Content-Security-Policy" content="%s">
                <title>%s</title>
                <style>%s</style>
                </head>
                <body>
                <header class="page-header">
                  <div>
                    <h1>%s</h1>
                    <p class="meta">Generated <time datetime="%s">%s</time></p>
                  </div>
                  <div id="day-picker"></div>
                </header>
                <main>
                  <section class="headline" id="headline" aria-label="Headline numbers"></section>
                  <section class="card" id="daily-card">
                    <h2>Plays per day</h2>
                    <div class="chart" id="daily" data-chart="daily"></div>
                  </section>
                  <section class="card">
                    <h2>Plays and listeners by hour <span class="day-label"></span></h2>
                    <div class="chart" id="hourly" data-chart="hourly"></div>
                  </section>
                  <div class="grid">
                    <section class="card">
                      <h2>Top genres <span class="day-label"></span></h2>
                      <div class="chart" id="top-genres" data-chart="top-genres"></div>
                    </section>
                    <section class="card">
                      <h2>Top 10 tracks <span class="day-label"></span></h2>
                      <div class="chart" id="top-tracks" data-chart="top-tracks"></div>
                    </section>
                    <section class="card">
                      <h2>Genre popularity index <span class="day-label"></span></h2>
                      <p class="note">Plays &times; average track popularity / 100; n/a where no played track is known.</p>
                      <div class="chart" id="genre-popularity" data-chart="genre-popularity"></div>
                    </section>
                    <section class="card">
                      <h2>Listening sessions <span class="day-label"></span></h2>
                      <div class="chart" id="sessions" data-chart="sessions"></div>
                    </section>
                    <section class="card">
                      <h2>Plays by age band <span class="day-label"></span></h2>
                      <div class="chart" id="age-bands" data-chart="age-bands"></div>
                    </section>
                    <section class="card">
                      <h2>Plays by country <span class="day-label"></span></h2>
                      <div class="chart" id="countries" data-chart="countries"></div>
                    </section>
                    <section class="card">
                      <h2>Data quality <span class="note">whole run</span></h2>
                      <div class="chart" id="data-quality" data-chart="data-quality"></div>
                    </section>
                  </div>
                  <section class="app" id="app-activity" aria-labelledby="app-title">
                    <h2 class="section-title" id="app-title">App activity <span class="note">the events feed, days by event time (UTC)</span></h2>
                    <div id="app-charts">
                      <section class="headline" id="app-headline" data-chart="app-headline" aria-label="App headline numbers"></section>
                      <div class="grid">
                        <section class="card">
                          <h2>Events per page <span class="day-label"></span></h2>
                          <p class="note">Users do not count guests (events without a user).</p>
                          <div class="chart" id="app-pages" data-chart="app-pages"></div>
                        </section>
                        <section class="card">
                          <h2>Top 10 songs in the app <span class="day-label"></span></h2>
                          <div class="chart" id="app-top-songs" data-chart="app-top-songs"></div>
                        </section>
                        <section class="card">
                          <h2>Song plays, paid and free <span class="note">per day</span></h2>
                          <div class="chart" id="app-plays" data-chart="app-plays"></div>
                        </section>
                        <section class="card">
                          <h2>Upgrades, downgrades and cancellations <span class="note">per day</span></h2>
                          <div class="chart" id="app-changes" data-chart="app-changes"></div>
                        </section>
                      </div>
                    </div>
                  </section>
                </main>
                <noscript><p class="no-script">The charts of this report need JavaScript.</p></noscript>
                <script type="application/json" id="report-data">%s</script>
                <script>%s</script>
                </body>
                </html>
                """.formatted(csp, title, STYLE, title, report.generatedAt(), GENERATED.format(report.generatedAt()),
                data(report), SCRIPT);
    }

    /** The report as JSON, safe to place between {@code <script>} tags. */
    static String data(RunReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", report.title());
        root.put("generatedAt", report.generatedAt().toString());
        ArrayNode quality = root.putArray("quality");
        for (DatasetQuality dataset : report.quality()) {
            ObjectNode node = quality.addObject()
                    .put("dataset", dataset.dataset())
                    .put("files", dataset.files())
                    .put("filesRejected", dataset.filesRejected())
                    .put("rowsIn", dataset.rowsIn())
                    .put("rowsValid", dataset.rowsValid())
                    .put("rowsRejected", dataset.rowsRejected());
            ObjectNode reasons = node.putObject("rejectReasons");
            dataset.rejectReasons().forEach(reasons::put);
        }
        ObjectNode kpis = root.putObject("kpis");
        for (String name : SHOWN) {
            List<List<String>> rows = report.kpis().stream()
                    .filter(table -> table.name().equals(name))
                    .findFirst()
                    .map(KpiTable::rows)
                    .orElse(List.of());
            ObjectNode table = kpis.putObject(name);
            KpiSql.columns(name).forEach(table.putArray("columns")::add);
            ArrayNode rowsNode = table.putArray("rows");
            rows.forEach(row -> row.forEach(rowsNode.addArray()::add));
        }
        try {
            return escapeScript(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the report data of " + report.title() + " as JSON", e);
        }
    }

    /**
     * Escapes what could end or confuse a script block. These characters occur in JSON only inside strings,
     * where the JSON escape means the same character.
     */
    static String escapeScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The CSP source expression of an inline block: the SHA-256 of its exact text. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK, which every JDK must provide", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the classpath; "
                        + "rebuild the cli module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + RESOURCES + name, e);
        }
    }
}
