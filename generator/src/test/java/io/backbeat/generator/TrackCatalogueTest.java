package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.contract.TrackIdType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackCatalogueTest {
    private final TrackCatalogue tracks = new TrackCatalogue(42, 10_000);

    @Test
    void trackId_isTwentyTwoBase62CharactersAndUniquePerIndex() {
        Set<String> ids = new HashSet<>();
        for (long index = 0; index < 200_000; index++) {
            String id = tracks.trackId(index);
            assertThat(new TrackIdType().check(id)).as(id).isNull();
            assertThat(id.charAt(0)).isBetween('0', '7');
            ids.add(id);
        }
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void trackId_dependsOnTheSeed() {
        assertThat(new TrackCatalogue(43, 10_000).trackId(0)).isNotEqualTo(tracks.trackId(0));
    }

    @Test
    void orphanTracks_lieOutsideTheSongsAndSpareTracksOutsideBoth() {
        assertThat(tracks.orphanTrack(0.0)).isEqualTo(10_000);
        assertThat(tracks.orphanTrack(0.999_999)).isBetween(10_000L, 10_499L);
        assertThat(tracks.spareTrack(0)).isEqualTo(10_500);
    }

    @Test
    void rankOf_undoesTheSongChosenForARank() {
        long song = tracks.playedSong(0.0);

        assertThat(tracks.rankOf(song)).isZero();
    }
}
