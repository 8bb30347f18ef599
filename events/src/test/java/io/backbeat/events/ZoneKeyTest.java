package io.backbeat.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZoneKeyTest {

    @Test
    void derivesEveryOutputFromTheRawKey() {
        ZoneKey raw = ZoneKey.parse("raw/streams/2024/06/plays 100%+=é.csv.gz");

        assertThat(raw.zone()).isEqualTo(Zone.RAW);
        assertThat(raw.dataset()).contains(Dataset.STREAMS);
        assertThat(raw.validated().key()).isEqualTo("validated/streams/2024/06/plays 100%+=é.csv.gz.zst");
        assertThat(raw.validated().staged().key()).isEqualTo("staged/streams/2024/06/plays 100%+=é.csv.gz.zst");
        assertThat(raw.quarantineRejects(Stage.VALIDATE).key())
                .isEqualTo("quarantine/streams/2024/06/plays 100%+=é.csv.gz.validate-rejects.csv");
        assertThat(raw.validated().quarantineReport(Stage.TRANSFORM).key())
                .isEqualTo("quarantine/streams/2024/06/plays 100%+=é.csv.gz.transform-report.json");
    }

    @Test
    void plainAndGzipUploadsOfOneNameNeverShareAnOutput() {
        assertThat(ZoneKey.parse("raw/users/a.csv").validated())
                .isNotEqualTo(ZoneKey.parse("raw/users/a.csv.gz").validated());
    }

    @Test
    void keepsDerivedKeysWithinTheS3LimitAndUnique() {
        String longName = "é".repeat(500) + ".csv"; // 1004 bytes
        ZoneKey first = ZoneKey.parse("raw/songs/" + longName);
        ZoneKey second = ZoneKey.parse("raw/songs/" + "é".repeat(499) + "a.csv");

        String derived = first.quarantineReport(Stage.VALIDATE).key();

        assertThat(derived.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ZoneKey.MAX_KEY_BYTES);
        assertThat(derived).startsWith("quarantine/songs/éé").endsWith(".validate-report.json");
        assertThat(derived).isNotEqualTo(second.quarantineReport(Stage.VALIDATE).key());
    }

    @Test
    void anUnknownDatasetParsesButNamesNoDataset() {
        assertThat(ZoneKey.parse("raw/podcasts/x.csv").dataset()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "raw/", "raw/streams", "raw/streams/", "raw//x.csv", "/raw/streams/x.csv",
        "landing/streams/x.csv"})
    void refusesKeysOutsideTheLayout(String key) {
        assertThatThrownBy(() -> ZoneKey.parse(key)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    @Test
    void recognisesFolderMarkers() {
        assertThat(ZoneKey.isFolderMarker("raw/streams/")).isTrue();
        assertThat(ZoneKey.isFolderMarker("raw/streams/x.csv")).isFalse();
    }
}
