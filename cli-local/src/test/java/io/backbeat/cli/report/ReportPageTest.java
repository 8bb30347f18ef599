package io.backbeat.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.warehouse.KpiSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"report-data\">";

    /** The JSON block as the HTML parser sees it: up to the first {@code </script} after its start tag. */
    private static JsonNode embeddedData(String page) throws Exception {
        int start = page.indexOf(DATA_OPEN);
        assertThat(start).as("report-data block").isNotNegative();
        int end = page.indexOf("</script", start + DATA_OPEN.length());
        return JSON.readTree(page.substring(start + DATA_OPEN.length(), end));
    }

    private static List<List<String>> rows(JsonNode data, String table) {
        return JSON.convertValue(data.path("kpis").path(table).path("rows"), new TypeReference<List<List<String>>>() {});
    }

    @Nested
    class SelfContained {
        private final String page = ReportPage.render(SampleReports.twoDays());
        private final Document dom = Jsoup.parse(page);

        @Test
        void render_referencesNoUrlInSrcOrHref() {
            assertThat(dom.select("[src], [href], link, iframe, object, embed, img")).isEmpty();
            assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)");
            assertThat(page).doesNotContainPattern("(?i)url\\(|@import");
        }

        @Test
        void render_allowsOnlyItsOwnInlineScriptAndStyle() throws Exception {
            Element script = dom.select("script").last();
            String csp = dom.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");

            assertThat(dom.select("script")).hasSize(2);
            assertThat(script.attributes().size()).isZero();
            assertThat(csp).startsWith("default-src 'none';").contains("'" + sha256(script.data()) + "'")
                    .contains("'" + sha256(dom.selectFirst("style").data()) + "'").doesNotContain("unsafe");
        }

        @Test
        void render_holdsEveryChartContainerOnce() {
            assertThat(dom.select("[data-chart]")).extracting(element -> element.id() + "=" + element.attr("data-chart"))
                    .containsExactly("daily=daily", "hourly=hourly", "top-genres=top-genres", "top-tracks=top-tracks",
                            "genre-popularity=genre-popularity", "sessions=sessions", "age-bands=age-bands",
                            "countries=countries", "data-quality=data-quality", "app-headline=app-headline",
                            "app-pages=app-pages", "app-top-songs=app-top-songs", "app-plays=app-plays",
                            "app-changes=app-changes");
        }

        @Test
        void render_escapesTheTitleInMarkup() {
            assertThat(dom.title()).isEqualTo("Local run <test> & \"checks\"");
            assertThat(dom.selectFirst("h1").text()).isEqualTo("Local run <test> & \"checks\"");
            assertThat(page).contains("<title>Local run &lt;test&gt; &amp; &quot;checks&quot;</title>");
            assertThat(dom.selectFirst("time").attr("datetime")).isEqualTo("2026-01-03T08:15:30Z");
        }

        private static String sha256(String text) throws Exception {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        }
    }

    @Nested
    class EmbeddedData {
        private final RunReport report = SampleReports.twoDays();
        private final String page = ReportPage.render(report);

        @Test
        void render_keepsHostileTextInsideTheDataBlock() {
            assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img").doesNotContain("\u2028")
                    .doesNotContain("\u2029");
            assertThat(page.split("</script", -1)).hasSize(3);
        }

        @Test
        void render_roundTripsHostileTrackNameAndGenreExactly() throws Exception {
            JsonNode data = embeddedData(page);

            assertThat(rows(data, KpiSql.TOP_TRACKS_DAILY)).extracting(row -> row.get(3)).contains(SampleReports.HOSTILE);
            assertThat(rows(data, KpiSql.TOP_GENRES_DAILY)).extracting(row -> row.get(2)).contains(SampleReports.HOSTILE);
            assertThat(rows(data, KpiSql.APP_PAGES_DAILY)).extracting(row -> row.get(1)).contains(SampleReports.IMG_INJECTION);
            assertThat(rows(data, KpiSql.APP_TOP_SONGS_DAILY)).extracting(row -> row.get(2) + " / " + row.get(3))
                    .contains(SampleReports.HOSTILE + " / " + SampleReports.IMG_INJECTION);
            for (KpiTable table : report.kpis()) {
                assertThat(rows(data, table.name())).as(table.name()).isEqualTo(table.rows());
                assertThat(data.path("kpis").path(table.name()).path("columns"))
                        .extracting(JsonNode::asText).isEqualTo(KpiSql.columns(table.name()));
            }
        }

        @Test
        void render_embedsQualityWithReasonsInOrder() throws Exception {
            JsonNode streams = embeddedData(page).path("quality").get(2);

            assertThat(streams.path("dataset").asText()).isEqualTo("streams");
            assertThat(streams.path("rowsRejected").asLong()).isEqualTo(10);
            assertThat(streams.path("filesRejected").asLong()).isEqualTo(1);
            assertThat(JSON.convertValue(streams.path("rejectReasons"), new TypeReference<LinkedHashMap<String, Long>>() {}))
                    .containsExactly(Map.entry("bad_timestamp", 7L), Map.entry("duplicate_key", 3L));
        }

        @Test
        void render_embedsTheSameJsonThatJsoupSees() throws Exception {
            String block = Jsoup.parse(page).getElementById("report-data").data();

            assertThat(JSON.readTree(block)).isEqualTo(embeddedData(page));
        }
    }

    @Test
    void render_emptyReportHasEveryTableWithNoRows() throws Exception {
        String page = ReportPage.render(SampleReports.empty());
        JsonNode data = embeddedData(page);

        assertThat(Jsoup.parse(page).select("[data-chart]")).hasSize(14);
        assertThat(data.path("quality")).isEmpty();
        List<String> daily = Stream.concat(KpiSql.PUBLISHED.stream(), KpiSql.APP_TABLES.stream()).toList();
        assertThat(data.path("kpis").fieldNames()).toIterable().containsExactlyElementsOf(daily);
        for (String table : daily) {
            assertThat(data.path("kpis").path(table).path("rows")).as(table).isEmpty();
            assertThat(data.path("kpis").path(table).path("columns")).hasSize(KpiSql.columns(table).size());
        }
    }

    @Nested
    class Validation {
        @Test
        void kpiTable_rejectsColumnsThatAreNotTheTables() {
            assertThatThrownBy(() -> new KpiTable(KpiSql.TOP_GENRES_DAILY, List.of("listen_date", "genre"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("columns of kpi_top_genres_daily must be [listen_date, rank, genre, plays], got "
                            + "[listen_date, genre]; build the table with KpiTable.of(name, rows)");
        }

        @Test
        void kpiTable_rejectsRowOfWrongWidth() {
            assertThatThrownBy(() -> KpiTable.of(KpiSql.TOP_GENRES_DAILY, List.of(List.of("2026-01-01", "1", "pop"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 0 of kpi_top_genres_daily has 3 values, but the table has 4 columns "
                            + "[listen_date, rank, genre, plays]");
        }

        @Test
        void kpiTable_rejectsUnknownName() {
            assertThatThrownBy(() -> KpiTable.of("kpi_weekly", List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name must be one of " + KpiSql.TABLES + ", got kpi_weekly");
        }

        @Test
        void kpiTable_storesNullAsEmptyText() {
            List<String> row = new ArrayList<>(List.of("2026-01-01", "1", "pop", "3"));
            row.set(2, null);

            assertThat(KpiTable.of(KpiSql.TOP_GENRES_DAILY, List.of(row)).rows()).containsExactly(List.of("2026-01-01", "1", "", "3"));
        }

        @Test
        void datasetQuality_rejectsNegativeCount() {
            assertThatThrownBy(() -> new DatasetQuality("streams", 1, 0, 10, 10, -1, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rowsRejected must not be negative, got -1");
        }

        @Test
        void datasetQuality_rejectsMoreRejectedFilesThanFiles() {
            assertThatThrownBy(() -> new DatasetQuality("streams", 1, 2, 10, 10, 0, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("filesRejected must not exceed files, got 2 > 1 for dataset streams");
        }

        @Test
        void runReport_rejectsTheSameTableTwice() {
            KpiTable hourly = KpiTable.of(KpiSql.HOURLY, List.of());

            assertThatThrownBy(() -> new RunReport("run", SampleReports.GENERATED_AT, List.of(), List.of(hourly, hourly)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("kpis must hold each table at most once, but kpi_hourly appears twice; merge its rows into one KpiTable");
        }
    }
}
