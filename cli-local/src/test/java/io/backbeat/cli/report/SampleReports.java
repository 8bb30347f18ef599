package io.backbeat.cli.report;

import io.backbeat.warehouse.KpiSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports with known content, shared by the page tests. */
final class SampleReports {
    static final String FIRST_DAY = "2026-01-01";
    static final String LATEST_DAY = "2026-01-02";
    static final String HOSTILE = "</script><script>alert(1)</script> \"q\" 'a' & <b>é 🎵\u2028\u2029";
    /** Markup that would run a handler if the page inserted it as HTML: an app page and a song are called this. */
    static final String IMG_INJECTION = "</script><img src=x onerror=\"document.title='injected'\">";
    static final Instant GENERATED_AT = Instant.parse("2026-01-03T08:15:30Z");

    /** Hour, plays and listeners of {@link #LATEST_DAY}; hours missing here had no plays. */
    static final List<List<String>> LATEST_HOURS = List.of(
            List.of("0", "3", "2"), List.of("7", "12", "5"), List.of("13", "25", "9"), List.of("20", "8", "8"),
            List.of("23", "1", "1"));

    private SampleReports() {}

    /**
     * Two days of KPIs, with a hostile track name and genre on the latest day, and three datasets' quality; app events on
     * both days, with a hostile page, song and artist on the latest. The app tables agree with each other: a day's pages
     * sum to its events, its top songs to at most its song plays, and its NextSong, Submit Upgrade, Submit Downgrade and
     * Cancellation Confirmation pages to its song plays, upgrades, downgrades and cancellations.
     */
    static RunReport twoDays() {
        List<List<String>> hourly = new ArrayList<>();
        hourly.add(List.of(FIRST_DAY, "10", "3", "4", "2", "0.5", "Daft Punk"));
        hourly.add(List.of(FIRST_DAY, "11", "2", "6", "3", "0.5", "Air"));
        for (List<String> hour : LATEST_HOURS) {
            hourly.add(List.of(LATEST_DAY, hour.get(0), hour.get(2), hour.get(1), "1", "0.25", "Björk"));
        }
        List<KpiTable> kpis = List.of(
                KpiTable.of(KpiSql.HOURLY, hourly),
                KpiTable.of(KpiSql.DAILY_ENGAGEMENT, List.of(
                        List.of(FIRST_DAY, "4", "10", "2100000", "2.5", "525000", "0"),
                        List.of(LATEST_DAY, "14", "49", "9800000", "3.5", "700000", "2"))),
                KpiTable.of(KpiSql.TOP_TRACKS_DAILY, List.of(
                        List.of(FIRST_DAY, "1", "5SuOikwiRyPMVoIQDJUgSV", "One More Time", "Daft Punk", "6"),
                        List.of(FIRST_DAY, "2", "4qPNDBW1i3p13qLCt0Ki3A", "Sexy Boy", "Air", "4"),
                        List.of(LATEST_DAY, "1", "3n3Ppam7vgaVa1iaRUc9Lp", "Mr. Brightside", "The Killers", "20"),
                        List.of(LATEST_DAY, "2", "0VjIjW4GlUZAMYd2vXMi3b", HOSTILE, "Artist & Co;Second \"Artist\"", "12"),
                        List.of(LATEST_DAY, "3", "7qiZfU4dY1lWllzX7mPBI3", "Shape of You", "Ed Sheeran", "9"),
                        List.of(LATEST_DAY, "4", "0000000000000000000000", "", "", "2"))),
                KpiTable.of(KpiSql.TOP_GENRES_DAILY, List.of(
                        List.of(FIRST_DAY, "1", "electro", "10"),
                        List.of(LATEST_DAY, "1", "pop", "22"),
                        List.of(LATEST_DAY, "2", HOSTILE, "15"),
                        List.of(LATEST_DAY, "3", "rock", "10"),
                        List.of(LATEST_DAY, "4", "unknown", "2"))),
                KpiTable.of(KpiSql.SESSIONS_DAILY, List.of(
                        List.of(FIRST_DAY, "5", "3", "2.0", "300.0", "420000.0", "1.25"),
                        List.of(LATEST_DAY, "20", "8", "2.45", "612.5", "490000.0", "1.4285714285714286"))),
                KpiTable.of(KpiSql.DEMOGRAPHICS_DAILY, List.of(
                        List.of(FIRST_DAY, "Brazil", "25-34", "10", "4", "2100000"),
                        List.of(LATEST_DAY, "Brazil", "18-24", "9", "5", "1800000"),
                        List.of(LATEST_DAY, "Brazil", "25-34", "20", "6", "4000000"),
                        List.of(LATEST_DAY, HOSTILE, "25-34", "15", "2", "3000000"),
                        List.of(LATEST_DAY, "unknown", "unknown", "5", "1", "0"))),
                KpiTable.of(KpiSql.GENRE_DAILY, List.of(
                        genre(FIRST_DAY, "electro", "10", "7.2"),
                        genre(LATEST_DAY, "pop", "22", "14.96"),
                        genre(LATEST_DAY, HOSTILE, "15", "9.75"),
                        genre(LATEST_DAY, "rock", "10", "5.1"),
                        genre(LATEST_DAY, "unknown", "2", ""))),
                KpiTable.of(KpiSql.APP_DAILY, List.of(
                        List.of(FIRST_DAY, "40", "4", "5", "6", "6.666666666666667", "25", "15", "2", "1", "0", "0"),
                        List.of(LATEST_DAY, "120", "9", "12", "15", "8.0", "80", "56", "7", "2", "1", "1"))),
                KpiTable.of(KpiSql.APP_PAGES_DAILY, List.of(
                        List.of(FIRST_DAY, "Home", "8", "4", "6"),
                        List.of(FIRST_DAY, "Login", "4", "0", "4"),
                        List.of(FIRST_DAY, "NextSong", "25", "5", "6"),
                        List.of(FIRST_DAY, "Submit Upgrade", "1", "1", "1"),
                        List.of(FIRST_DAY, "Upgrade", "2", "2", "2"),
                        List.of(LATEST_DAY, IMG_INJECTION, "5", "2", "2"),
                        List.of(LATEST_DAY, "Cancel", "1", "1", "1"),
                        List.of(LATEST_DAY, "Cancellation Confirmation", "1", "1", "1"),
                        List.of(LATEST_DAY, "Home", "14", "9", "12"),
                        List.of(LATEST_DAY, "Login", "6", "0", "6"),
                        List.of(LATEST_DAY, "Logout", "4", "4", "4"),
                        List.of(LATEST_DAY, "NextSong", "80", "11", "14"),
                        List.of(LATEST_DAY, "Submit Downgrade", "1", "1", "1"),
                        List.of(LATEST_DAY, "Submit Upgrade", "2", "2", "2"),
                        List.of(LATEST_DAY, "Thumbs Up", "6", "5", "5"))),
                KpiTable.of(KpiSql.APP_TOP_SONGS_DAILY, List.of(
                        List.of(FIRST_DAY, "1", "Daft Punk", "One More Time", "6"),
                        List.of(FIRST_DAY, "2", "Air", "Sexy Boy", "4"),
                        List.of(LATEST_DAY, "1", "The Killers", "Mr. Brightside", "9"),
                        List.of(LATEST_DAY, "2", HOSTILE, IMG_INJECTION, "7"),
                        List.of(LATEST_DAY, "3", "Ed Sheeran", "Shape of You", "7"),
                        List.of(LATEST_DAY, "4", "Björk", "Jóga", "3"))));
        Map<String, Long> streamReasons = new LinkedHashMap<>();
        streamReasons.put("bad_timestamp", 7L);
        streamReasons.put("duplicate_key", 3L);
        return new RunReport("Local run <test> & \"checks\"", GENERATED_AT, List.of(
                new DatasetQuality("users", 1, 0, 100, 100, 0, Map.of()),
                new DatasetQuality("songs", 1, 0, 50, 48, 2, Map.of("missing_value", 2L)),
                new DatasetQuality("streams", 3, 1, 1000, 990, 10, streamReasons)), kpis);
    }

    static RunReport empty() {
        return new RunReport("Empty run", GENERATED_AT, List.of(), List.of());
    }

    private static List<String> genre(String day, String genre, String plays, String popularityIndex) {
        return List.of(day, genre, plays, "3", "200000.0", popularityIndex.isEmpty() ? "" : "68.0", popularityIndex,
                "2000000", "666666.6666666666", "3n3Ppam7vgaVa1iaRUc9Lp", "Mr. Brightside");
    }
}
