package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.fixtures.catalog.RecordedCatalog;
import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.functions.stage.ObjectOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded extraction ({@link RecordedCatalog#RUN}: one response per line, as the extractor writes them) through
 * validate, transform and load on the local cloud, and the six catalogue tables worked out by hand from it: the
 * line comments of the expected rows say where each comes from.
 */
class CatalogWarehouseTest {
    private static final String A1 = "artist0000000000000001";
    private static final String A2 = "artist0000000000000002";
    private static final String AL1 = "album00000000000000001";
    private static final String AL2 = "album00000000000000002";
    private static final String AL3 = "album00000000000000003";
    private static final String AL4 = "album00000000000000004";

    @TempDir
    Path spill;

    @TempDir
    Path files;

    @Test
    void aRecordedRunLoadsTheSixTablesWithReleaseDatesAsFullDatesAndALaterRunUpdatesThem() {
        WarehouseHarness harness = new WarehouseHarness(spill);
        String rawKey = "raw/catalog/run-1/catalog-run-1.ndjson";

        List<ObjectOutcome> loaded = harness.ingest(rawKey, RecordedCatalog.extract(RecordedCatalog.RUN, files));

        assertThat(loaded).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED));
        LedgerItem validated = harness.ingest.ledger(harness.ingest.event(rawKey), Stage.VALIDATE).orElseThrow();
        // Rows are records: line 1 four (two artists, two genres; the null is an unknown id), lines 2 and 3 none (an
        // album page, a 404), line 4 twelve (two albums with their credits, three tracks with theirs), line 5 two, line 6
        // six (a release date that is no date rejects the album and its credit, its track stands; an album without
        // tracks and its credit), line 7 one.
        assertThat(validated.rowsIn()).isEqualTo(25);
        assertThat(validated.rowsValid()).isEqualTo(22);
        assertThat(validated.rejectsByReason()).isEqualTo(Map.of("bad_date", 2L, "bad_json", 1L));
        assertThat(harness.ingest.plainCsv(ZoneKey.parse(rawKey).quarantineRejects(Stage.VALIDATE).key()))
                .extracting(row -> row.get(0) + "|" + row.get(1) + "|" + row.get(2))
                .containsExactly("line|column|reason", "6|body.albums[0].release_date|bad_date",
                        "6|body.albums[0].release_date|bad_date", "7||bad_json");

        assertThat(harness.rowsAsText("SELECT artist_id, name, followers, popularity FROM dim_artists ORDER BY 1"))
                .containsExactly(A1 + "|Ann|1200|55", A2 + "|Bob|30|7");
        assertThat(harness.rowsAsText("SELECT artist_id, genre FROM dim_artist_genres ORDER BY 1, 2"))
                .containsExactly(A1 + "|folk", A1 + "|indie");
        assertThat(harness.rowsAsText("SELECT album_id, name, album_type, release_date::TEXT, release_date_precision, total_tracks"
                + " FROM dim_albums ORDER BY 1"))
                .containsExactly(AL1 + "|First Light|album|1999-01-01|year|3", AL2 + "|Second|single|2004-03-01|month|1",
                        AL4 + "|Summer|compilation|2010-07-15|day|0");
        assertThat(harness.rowsAsText("SELECT album_id, artist_id, position FROM dim_album_artists ORDER BY 1, 3"))
                .containsExactly(AL1 + "|" + A1 + "|1", AL1 + "|" + A2 + "|2", AL2 + "|" + A2 + "|1", AL4 + "|" + A2 + "|1");
        assertThat(harness.rowsAsText("SELECT track_id, album_id, name, track_number, disc_number, duration_ms, explicit"
                + " FROM dim_tracks ORDER BY 1"))
                .containsExactly(
                        "track00000000000000001|" + AL1 + "|One|1|1|200000|false",
                        "track00000000000000002|" + AL1 + "|Two|2|1|180000|true",
                        // the album's third track, from the page after its embedded one
                        "track00000000000000003|" + AL1 + "|Three|1|2|150000|false",
                        "track00000000000000004|" + AL2 + "|Four|1|1|210000|false",
                        // the track of the album whose release date was rejected
                        "track00000000000000005|" + AL3 + "|Five|1|1|100000|false");
        assertThat(harness.rowsAsText("SELECT track_id, artist_id, position FROM dim_track_artists ORDER BY 1, 3"))
                .containsExactly("track00000000000000001|" + A1 + "|1", "track00000000000000002|" + A1 + "|1",
                        "track00000000000000002|" + A2 + "|2", "track00000000000000003|" + A1 + "|1",
                        "track00000000000000004|" + A2 + "|1", "track00000000000000005|" + A1 + "|1");

        harness.ingest("raw/catalog/run-2/catalog-run-2.ndjson", RecordedCatalog.extract(RecordedCatalog.LATER_RUN, files));

        assertThat(harness.rowsAsText("SELECT artist_id, name, followers, popularity FROM dim_artists ORDER BY 1"))
                .as("the later extraction updates Ann and leaves Bob").containsExactly(A1 + "|Ann|1500|60", A2 + "|Bob|30|7");
        assertThat(harness.rowsAsText("SELECT artist_id, genre FROM dim_artist_genres ORDER BY 1, 2"))
                .as("a genre the API no longer lists goes").containsExactly(A1 + "|indie");
    }
}
