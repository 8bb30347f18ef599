package io.backbeat.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypeTest {

    @Nested
    class Integers {
        private final IntegerType age = new IntegerType(0, 130);

        @ParameterizedTest
        @ValueSource(strings = {"0", "130", "42", "+42", "007", "-0"})
        void accepts(String value) {
            assertThat(age.check(value)).isNull();
        }

        @ParameterizedTest
        @CsvSource({
            "131, out_of_range", "-1, out_of_range", "99999999999999999999999, out_of_range", "4.0, bad_integer",
            "forty, bad_integer", "-, bad_integer", "+, bad_integer", "1e3, bad_integer", "4 2, bad_integer",
            "0x10, bad_integer", "٤٢, bad_integer"
        })
        void rejects(String value, String reason) {
            assertThat(age.check(value).code()).isEqualTo(reason);
        }

        @Test
        void userIdAcceptsTheLargestLong() {
            assertThat(UsersContract.USER_ID_TYPE.check(Long.toString(Long.MAX_VALUE))).isNull();
            assertThat(UsersContract.USER_ID_TYPE.check("9223372036854775808")).isEqualTo(ReasonCode.OUT_OF_RANGE);
            assertThat(UsersContract.USER_ID_TYPE.check("0")).isEqualTo(ReasonCode.OUT_OF_RANGE);
        }

        @Test
        void warehouseTypeIsSizedToTheRange() {
            assertThat(age.warehouseType()).isEqualTo("SMALLINT");
            assertThat(new IntegerType(1, Integer.MAX_VALUE).warehouseType()).isEqualTo("INTEGER");
            assertThat(UsersContract.USER_ID_TYPE.warehouseType()).isEqualTo("BIGINT");
        }
    }

    @Nested
    class TrackIds {
        @Test
        void acceptsTwentyTwoBase62Characters() {
            assertThat(new TrackIdType().check("4dBa8T7oDV9WvGr7kVS4Ez")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"4dBa8T7oDV9WvGr7kVS4E", "4dBa8T7oDV9WvGr7kVS4Ezz", "4dBa8T7oDV9WvGr7kVS4E-",
            "4dBa8T7oDV9WvGr7kVS4E_", "4dBa8T7oDV9WvGr7kVS4Eé", "4dBa8T7oDV9WvGr7 kVS4E"})
        void rejectsAnythingElse(String value) {
            assertThat(new TrackIdType().check(value)).isEqualTo(ReasonCode.BAD_TRACK_ID);
        }
    }

    @Nested
    class Texts {
        @Test
        void countsUtf8BytesNotCharacters() {
            TextType four = new TextType(4);

            assertThat(four.check("abcd")).isNull();
            assertThat(four.check("ééé")).isEqualTo(ReasonCode.TOO_LONG); // 6 bytes
            assertThat(four.check("🎵")).isNull(); // 4 bytes, 2 chars
            assertThat(four.check("🎵a")).isEqualTo(ReasonCode.TOO_LONG);
        }

        @Test
        void lowerCasedTextIsCheckedAsStagedBecauseLowerCasingCanGrowIt() {
            TextType genre = TextType.lowerCased(6);

            assertThat(genre.check("ȺȺȺ")).as("6 bytes as uploaded, 9 once lower-cased").isEqualTo(ReasonCode.TOO_LONG);
            assertThat(genre.check("ȺȺ")).as("4 bytes as uploaded, 6 once lower-cased").isNull();
            assertThat(genre.normalize("  ȺȺ ")).isEqualTo("ⱥⱥ");
            assertThat(genre.explain("track_genre", ReasonCode.TOO_LONG))
                    .isEqualTo("track_genre is longer than 6 UTF-8 bytes once lower-cased");
            assertThat(new TextType(6).check("ȺȺȺ")).as("kept as uploaded: 6 bytes").isNull();
        }

        @Test
        void creditListNeedsOneNonBlankCredit() {
            ColumnType artists = SongsContract.CONTRACT.column("artists").type();

            assertThat(artists.check("Ann;Bob")).isNull();
            assertThat(artists.check(" ; ;")).isEqualTo(ReasonCode.MISSING_VALUE);
            assertThat(artists.check(";")).isEqualTo(ReasonCode.MISSING_VALUE);
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @ValueSource(strings = {"2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"})
        void acceptsRealDates(String value) {
            assertThat(new DateType().check(value)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2023-02-29", "1900-02-29", "2024-00-10", "2024-1-10", "24-01-10", "2024-01-10T00:00",
            "2024/01/10", "0000-01-01"})
        void rejectsTheRest(String value) {
            assertThat(new DateType().check(value)).isEqualTo(ReasonCode.BAD_DATE);
        }
    }

    @Test
    void contractsNameTheirColumnsAndKeysAsSpecified() {
        assertThat(Dataset.USERS.contract().columnNames())
                .containsExactly("user_id", "user_name", "user_age", "user_country", "created_at");
        assertThat(Dataset.SONGS.contract().columnNames()).containsExactly(
                "track_id", "artists", "album_name", "track_name", "popularity", "duration_ms", "track_genre");
        assertThat(Dataset.STREAMS.contract().columnNames()).containsExactly("user_id", "track_id", "listen_time");
        assertThat(Dataset.STREAMS.contract().naturalKey()).containsExactly("user_id", "track_id", "listen_time");
        assertThat(Dataset.STREAMS.contract().stagedColumns()).extracting(Column::name)
                .containsExactly("user_id", "track_id", "listen_time", "listen_date", "listen_hour");
        assertThat(Dataset.USERS.contract().column("user_age").optional()).isTrue();
    }
}
