package io.backbeat.cli.local;

import io.backbeat.cli.report.KpiTable;
import io.backbeat.warehouse.KpiSql;
import java.util.List;
import java.util.Optional;

/**
 * The few KPI numbers the end of a run prints: the days covered and their plays, and the latest day's
 * plays, listeners, busiest hour, top genre and top track, all read from the KPI tables.
 */
record KpiHeadlines(
        int days, String firstDay, String lastDay, long plays, long orphanPlays,
        long lastDayPlays, long lastDayListeners, Optional<String> peakHour,
        Optional<String> topGenre, long topGenrePlays, Optional<String> topTrack, long topTrackPlays) {

    static Optional<KpiHeadlines> of(List<KpiTable> tables) {
        KpiTable engagement = table(tables, KpiSql.DAILY_ENGAGEMENT);
        if (engagement.rows().isEmpty()) {
            return Optional.empty();
        }
        long plays = 0;
        long orphans = 0;
        for (List<String> row : engagement.rows()) {
            plays += number(engagement, row, "total_plays");
            orphans += number(engagement, row, "orphan_plays");
        }
        List<String> last = engagement.rows().get(engagement.rows().size() - 1);
        String lastDay = value(engagement, last, "listen_date");
        KpiTable hourly = table(tables, KpiSql.HOURLY);
        Optional<String> peakHour = hourly.rows().stream()
                .filter(row -> value(hourly, row, "listen_date").equals(lastDay))
                .max(java.util.Comparator.comparingLong((List<String> row) -> number(hourly, row, "total_plays"))
                        .thenComparingLong(row -> -number(hourly, row, "listen_hour")))
                .map(row -> String.format("%02d:00 UTC", number(hourly, row, "listen_hour")));
        KpiTable genres = table(tables, KpiSql.TOP_GENRES_DAILY);
        Optional<List<String>> topGenre = firstRanked(genres, lastDay);
        KpiTable tracks = table(tables, KpiSql.TOP_TRACKS_DAILY);
        Optional<List<String>> topTrack = firstRanked(tracks, lastDay);
        return Optional.of(new KpiHeadlines(engagement.rows().size(), value(engagement, engagement.rows().get(0), "listen_date"),
                lastDay, plays, orphans, number(engagement, last, "total_plays"), number(engagement, last, "active_users"),
                peakHour, topGenre.map(row -> value(genres, row, "genre")),
                topGenre.map(row -> number(genres, row, "plays")).orElse(0L),
                topTrack.map(row -> trackLabel(tracks, row)), topTrack.map(row -> number(tracks, row, "plays")).orElse(0L)));
    }

    private static String trackLabel(KpiTable tracks, List<String> row) {
        String name = value(tracks, row, "track_name");
        String artists = value(tracks, row, "artists");
        if (name.isEmpty()) {
            return value(tracks, row, "track_id") + " (not in songs)";
        }
        return "\"" + name + "\"" + (artists.isEmpty() ? "" : " by " + artists.replace(";", ", "));
    }

    private static Optional<List<String>> firstRanked(KpiTable table, String day) {
        return table.rows().stream()
                .filter(row -> value(table, row, "listen_date").equals(day) && value(table, row, "rank").equals("1"))
                .findFirst();
    }

    private static KpiTable table(List<KpiTable> tables, String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst()
                .orElseGet(() -> KpiTable.of(name, List.of()));
    }

    private static String value(KpiTable table, List<String> row, String column) {
        return row.get(table.columns().indexOf(column));
    }

    private static long number(KpiTable table, List<String> row, String column) {
        String value = value(table, row, column);
        return value.isEmpty() ? 0 : new java.math.BigDecimal(value).longValueExact();
    }
}
