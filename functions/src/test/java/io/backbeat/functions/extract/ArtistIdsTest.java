package io.backbeat.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArtistIdsTest {
    private static final String RADIOHEAD = "4Z8W4fKeB5YxbusRsdQVPb";
    private static final String PORTISHEAD = "6liAMWkVf5LH7YR9yfFy1Y";

    @Test
    void fromLines_skipsBlanksCommentsAndRepeats() {
        assertThat(ArtistIds.fromLines(List.of("# my artists", "", RADIOHEAD, "   ", "  " + PORTISHEAD + "  ", RADIOHEAD)))
                .containsExactly(RADIOHEAD, PORTISHEAD);
    }

    @Test
    void fromLines_dropsANoteAfterTheId() {
        assertThat(ArtistIds.fromLines(List.of(RADIOHEAD + "   # Radiohead", PORTISHEAD + "\tPortishead")))
                .containsExactly(RADIOHEAD, PORTISHEAD);
    }

    @Test
    void fromLines_takesUrisAndLinksAsTheirIds() {
        assertThat(ArtistIds.fromLines(List.of("spotify:artist:" + RADIOHEAD,
                "https://open.spotify.com/artist/" + PORTISHEAD + "?si=abc123", "https://open.spotify.com/intl-de/artist/" + RADIOHEAD)))
                .containsExactly(RADIOHEAD, PORTISHEAD);
    }

    @Test
    void fromLines_keepsWhatIsNotAnIdForTheRunToReport() {
        assertThat(ArtistIds.fromLines(List.of("radiohead"))).containsExactly("radiohead");
        assertThat(ArtistIds.isSpotifyId("radiohead")).isFalse();
        assertThat(ArtistIds.isSpotifyId(RADIOHEAD)).isTrue();
    }
}
