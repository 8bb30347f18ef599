package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventDefectsTest {
    private static final int ORDINALS = 40;
    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder().users(50).songs(80).plays(100).build();
    private static final SpareEvents SPARES =
            new SpareEvents(OPTIONS, new TrackCatalogue(OPTIONS.seed(), OPTIONS.songs()));

    @Test
    void spareLines_areValidSongPlaysOfSignedInUsers() {
        for (int ordinal = 0; ordinal < ORDINALS; ordinal++) {
            byte[] line = SPARES.line(ordinal).text().getBytes(StandardCharsets.UTF_8);

            assertThat(EventsReference.check(line, 1)).as(new String(line, StandardCharsets.UTF_8)).isNull();
            assertThat(SPARES.line(ordinal).value("page")).isEqualTo("\"NextSong\"");
            assertThat(SPARES.line(ordinal).has("status")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"BAD_ENCODING", "BAD_JSON", "MISSING_VALUE", "BAD_TIMESTAMP",
        "BAD_INTEGER", "OUT_OF_RANGE", "BAD_VALUE", "TOO_LONG"})
    void spoil_failsFirstWithTheNamedReason(ReasonCode reason) {
        for (int ordinal = 0; ordinal < ORDINALS; ordinal++) {
            byte[] spoiled = EventDefects.spoil(reason, SPARES.line(ordinal), ordinal);

            EventsReference.Rejection rejection = EventsReference.check(spoiled, 1);

            assertThat(rejection).as("%s ordinal %d: %s", reason.code(), ordinal, shown(spoiled)).isNotNull();
            assertThat(rejection.reason()).as("%s ordinal %d: %s", reason.code(), ordinal, shown(spoiled))
                    .isEqualTo(reason);
            assertThat(spoiled).as("a blank line is not a row").isNotEmpty();
        }
    }

    @Test
    void spoil_reachesEveryRuleOfTheOrder() {
        Set<String> hit = new HashSet<>();
        for (ReasonCode reason : EventDefects.supported()) {
            for (int ordinal = 0; ordinal < ORDINALS; ordinal++) {
                EventsReference.Rejection rejection =
                        EventsReference.check(EventDefects.spoil(reason, SPARES.line(ordinal), ordinal), 1);
                hit.add(rejection.field() + ":" + rejection.reason().code());
            }
        }

        assertThat(hit).contains(
                "null:bad_encoding", "null:bad_json", "ts:missing_value", "ts:bad_timestamp",
                "sessionId:bad_integer", "itemInSession:out_of_range", "page:missing_value", "page:too_long",
                "page:bad_value", "page:bad_encoding", "auth:bad_value", "level:bad_value", "userId:bad_integer",
                "artist:missing_value", "song:bad_encoding", "song:too_long", "length:out_of_range",
                "length:bad_value", "status:bad_integer", "status:out_of_range");
    }

    @Test
    void spoil_refusesAReasonNoEventsLineCanFailWith() {
        assertThatThrownBy(() -> EventDefects.spoil(ReasonCode.BAD_TRACK_ID, SPARES.line(0), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no events line can fail with bad_track_id; events can fail with [");
    }

    private static String shown(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
