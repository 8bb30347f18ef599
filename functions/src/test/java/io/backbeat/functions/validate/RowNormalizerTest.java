package io.backbeat.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Dataset;
import org.junit.jupiter.api.Test;

class RowNormalizerTest {

    @Test
    void streamsGetCanonicalUserIdsAndUtcTimes() {
        String[] row = RowNormalizer.of(Dataset.STREAMS).normalize(new String[] {" +0042 ", " 4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-25T23:30:00.75-02:00"});

        assertThat(row).containsExactly("42", "4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-26 01:30:00");
    }

    @Test
    void songsGetLowerCaseGenresAndTidyCredits() {
        String[] row = RowNormalizer.of(Dataset.SONGS).normalize(
                new String[] {"4dBa8T7oDV9WvGr7kVS4Ez", " Ann ;; Bob ; Ann", " Album ", "Track", "07", "1000", "  Hip Hop "});

        assertThat(row).containsExactly("4dBa8T7oDV9WvGr7kVS4Ez", "Ann;Bob", "Album", "Track", "7", "1000", "hip hop");
    }

    @Test
    void usersKeepAnEmptyAgeEmpty() {
        assertThat(RowNormalizer.of(Dataset.USERS).normalize(new String[] {"7", " Ann ", " ", "Chile", "2024-01-01"}))
                .containsExactly("7", "Ann", "", "Chile", "2024-01-01");
    }
}
