package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.fixtures.kpi.KpiReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the warehouse's five KPI tables with {@link KpiReference}, value by value: counts exactly,
 * averages and ratios to a relative 1e-9 (KPI-SPEC "Numbers"), nulls as nulls.
 */
final class KpiTablesAssert {

    private KpiTablesAssert() {}

    static void assertWarehouseEquals(WarehouseHarness warehouse, KpiReference.Tables expected) {
        List<List<Object>> genre = new ArrayList<>();
        expected.genreDaily().forEach(r -> genre.add(row(r.listenDate(), r.genre(), r.listenCount(), r.uniqueListeners(),
                r.avgTrackDurationMs(), r.avgPopularity(), r.popularityIndex(), r.totalListeningMs(),
                r.avgListeningMsPerListener(), r.mostPopularTrackId(), r.mostPopularTrackName())));
        compare("kpi_genre_daily", warehouse.query("SELECT listen_date, genre, listen_count, unique_listeners,"
                + " avg_track_duration_ms, avg_popularity, popularity_index, total_listening_ms, avg_listening_ms_per_listener,"
                + " most_popular_track_id, most_popular_track_name FROM kpi_genre_daily ORDER BY listen_date, genre"), genre);

        List<List<Object>> hourly = new ArrayList<>();
        expected.hourly().forEach(r -> hourly.add(row(r.listenDate(), r.listenHour(), r.uniqueListeners(), r.totalPlays(),
                r.uniqueTracks(), r.trackDiversityIndex(), r.topArtist())));
        compare("kpi_hourly", warehouse.query("SELECT listen_date, listen_hour, unique_listeners, total_plays, unique_tracks,"
                + " track_diversity_index, top_artist FROM kpi_hourly ORDER BY listen_date, listen_hour"), hourly);

        List<List<Object>> engagement = new ArrayList<>();
        expected.dailyEngagement().forEach(r -> engagement.add(row(r.listenDate(), r.activeUsers(), r.totalPlays(),
                r.totalListeningMs(), r.avgPlaysPerUser(), r.avgListeningMsPerUser(), r.orphanPlays())));
        compare("kpi_daily_engagement", warehouse.query("SELECT listen_date, active_users, total_plays, total_listening_ms,"
                + " avg_plays_per_user, avg_listening_ms_per_user, orphan_plays FROM kpi_daily_engagement ORDER BY listen_date"),
                engagement);

        List<List<Object>> tracks = new ArrayList<>();
        expected.topTracksDaily().forEach(r -> tracks.add(row(r.listenDate(), r.rank(), r.trackId(), r.trackName(), r.artists(),
                r.plays())));
        compare("kpi_top_tracks_daily", warehouse.query("SELECT listen_date, \"rank\", track_id, track_name, artists, plays"
                + " FROM kpi_top_tracks_daily ORDER BY listen_date, \"rank\""), tracks);

        List<List<Object>> genres = new ArrayList<>();
        expected.topGenresDaily().forEach(r -> genres.add(row(r.listenDate(), r.rank(), r.genre(), r.plays())));
        compare("kpi_top_genres_daily", warehouse.query("SELECT listen_date, \"rank\", genre, plays FROM kpi_top_genres_daily"
                + " ORDER BY listen_date, \"rank\""), genres);
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private static void compare(String table, List<Map<String, Object>> actual, List<List<Object>> expected) {
        assertThat(actual).as(table + " row count").hasSize(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            List<Object> actualRow = new ArrayList<>(actual.get(r).values());
            List<Object> expectedRow = expected.get(r);
            for (int c = 0; c < expectedRow.size(); c++) {
                String where = table + " row " + r + " column " + c + " " + expectedRow.subList(0, 2);
                Object want = expectedRow.get(c);
                Object got = actualRow.get(c);
                if (want == null) {
                    assertThat(got).as(where).isNull();
                } else if (want instanceof Double d) {
                    assertThat(got).as(where).isNotNull();
                    assertThat(((Number) got).doubleValue()).as(where).isCloseTo(d, within(Math.abs(d) * 1e-9 + 1e-12));
                } else if (want instanceof Number n) {
                    assertThat(((Number) got).longValue()).as(where).isEqualTo(n.longValue());
                } else {
                    assertThat(got.toString()).as(where).isEqualTo(want.toString());
                }
            }
        }
    }
}
