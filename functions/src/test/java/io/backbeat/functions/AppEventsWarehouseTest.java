package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.functions.stage.ObjectOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App events through validate, transform, load and the KPI refresh on the local cloud, checked against numbers
 * worked out by hand below (the line comments say what each event adds).
 */
class AppEventsWarehouseTest {
    /** 2024-06-25T00:00:00Z. */
    private static final long MIDNIGHT = 1_719_273_600_000L;

    @TempDir
    Path spill;

    @Test
    void aHandWorkedLogGivesTheAppTablesWithGuestsMidnightAndARepeatAcrossFiles() throws IOException {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String first = String.join("\n",
                event(MIDNIGHT + 1000, "\"7\"", 1, 0, "Home", "Logged In", "free", ""),
                event(MIDNIGHT + 2000, "\"7\"", 1, 1, "NextSong", "Logged In", "free", song("Ann", "One")),
                event(MIDNIGHT + 3000, "\"7\"", 1, 2, "Submit Upgrade", "Logged In", "free", ""),
                event(MIDNIGHT + 4000, "7", 1, 3, "NextSong", "Logged In", "paid", song("Ann", "One")),
                event(MIDNIGHT + 5000, "\"\"", 2, 0, "Home", "Guest", "free", ""),
                event(MIDNIGHT + 6000, null, 2, 1, "NextSong", "Guest", "free", song("Bob", "Two")),
                // One second before midnight: the day before.
                event(MIDNIGHT - 1000, "8", 3, 0, "NextSong", "Logged In", "paid", song("Cy", "Three")),
                event(MIDNIGHT + 7000, "\"8\"", 3, 1, "Cancellation Confirmation", "Cancelled", "paid", "")) + "\n";
        String second = String.join("\r\n",
                // The second event of the first file again: the warehouse keeps one.
                event(MIDNIGHT + 2000, "\"7\"", 1, 1, "NextSong", "Logged In", "free", song("Ann", "One")),
                "",
                event(MIDNIGHT + 8000, "\"9\"", 4, 0, "Submit Downgrade", "Logged In", "paid", ""),
                "{\"ts\": \"yesterday\"}");

        assertThat(harness.ingest("raw/events/app/events-1.ndjson", first.getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        // The second as the stack's delivery stream writes it: gzip, under a date-hour path.
        assertThat(harness.ingest("raw/events/2024/06/25/13/backbeat-events-1-2024-06-25-13-00-00-0b6a1b8e.ndjson.gz",
                gzip(second)))
                .singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));

        assertThat(harness.count("fact_events")).isEqualTo(9);
        assertThat(harness.rowsAsText("SELECT event_date::TEXT, events, guest_events, active_users, sessions, avg_events_per_session,"
                + " song_plays, paid_song_plays, paying_users, upgrades, downgrades, cancellations FROM kpi_app_daily ORDER BY 1"))
                .containsExactly(
                        // events 1; one user, one session; one paid play by a paying user.
                        "2024-06-24|1|0|1|1|1.0|1|1|1|0|0|0",
                        // events 8 (the repeat once): guests 2 (empty and absent userId); users 7, 8, 9; sessions 1-4;
                        // plays: 7 free, 7 paid, a guest's; paying: 7 after the upgrade, 8, 9.
                        "2024-06-25|8|2|3|4|2.0|3|1|3|1|1|1");
        assertThat(harness.rowsAsText("SELECT event_date::TEXT, page, events, users, sessions FROM kpi_app_pages_daily ORDER BY 1, 2"))
                .containsExactly(
                        "2024-06-24|NextSong|1|1|1",
                        "2024-06-25|Cancellation Confirmation|1|1|1",
                        "2024-06-25|Home|2|1|2",
                        "2024-06-25|NextSong|3|1|2",
                        "2024-06-25|Submit Downgrade|1|1|1",
                        "2024-06-25|Submit Upgrade|1|1|1");
        assertThat(harness.rowsAsText("SELECT event_date::TEXT, \"rank\", artist, song, plays FROM kpi_app_top_songs_daily ORDER BY 1, 2"))
                .containsExactly("2024-06-24|1|Cy|Three|1", "2024-06-25|1|Ann|One|2", "2024-06-25|2|Bob|Two|1");
        assertThat(harness.rowsAsText("SELECT page, artist IS NULL AS no_artist, length FROM fact_events WHERE session_id = 1 ORDER BY item_in_session"))
                .as("song fields are kept on NextSong only").containsExactly("Home|true|null", "NextSong|false|200.5",
                        "Submit Upgrade|true|null", "NextSong|false|200.5");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String event(long ts, String userId, long session, long item, String page, String auth, String level,
            String songFields) {
        return "{\"ts\":" + ts + (userId == null ? "" : ",\"userId\":" + userId) + ",\"sessionId\":" + session
                + ",\"itemInSession\":" + item + ",\"page\":\"" + page + "\",\"auth\":\"" + auth + "\",\"level\":\"" + level
                + "\",\"method\":\"PUT\",\"status\":200,\"userAgent\":\"Mozilla/5.0\"" + songFields + "}";
    }

    private static String song(String artist, String title) {
        return ",\"artist\":\"" + artist + "\",\"song\":\"" + title + "\",\"length\":200.5";
    }
}
