package io.backbeat.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenTimeTest {
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParameterizedTest
    @CsvSource({
        "2024-06-25 17:43:13, 2024-06-25 17:43:13",
        "2024-06-25T17:43:13, 2024-06-25 17:43:13",
        "2024-06-25 17:43:13Z, 2024-06-25 17:43:13",
        "2024-06-25T17:43:13.999Z, 2024-06-25 17:43:13",
        "2024-06-25 17:43:13.5, 2024-06-25 17:43:13",
        "2024-06-25T23:30:00+02:00, 2024-06-25 21:30:00",
        "2024-06-25T23:30:00-0130, 2024-06-26 01:00:00",
        "2024-02-29 00:00:00, 2024-02-29 00:00:00",
        "2000-02-29 12:00:00, 2000-02-29 12:00:00",
        "1969-12-31 23:59:59, 1969-12-31 23:59:59",
    })
    void parse_acceptsEveryDocumentedFormAndNormalizesToUtc(String text, String expected) {
        long epochSecond = ListenTime.parse(text);

        assertThat(ListenTime.format(epochSecond)).isEqualTo(expected);
        assertThat(epochSecond).isEqualTo(LocalDateTime.parse(expected, CANONICAL).toEpochSecond(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2024-06-25", "2024-06-25 17:43", "2024-6-25 17:43:13", "2024-06-25  17:43:13", "2024-06-25 24:00:00",
        "2024-06-25 23:60:00", "2024-06-25 23:59:60", "2023-02-29 10:00:00", "2024-04-31 10:00:00",
        "2024-13-01 10:00:00", "0000-01-01 00:00:00", "2024-06-25 17:43:13.", "2024-06-25 17:43:13Zx",
        "2024-06-25 17:43:13+2", "2024-06-25 17:43:13+25:00", "2024-06-25 17:43:13 UTC", "2024/06/25 17:43:13",
        "1719337393", "２０２４-06-25 17:43:13", "2024-06-25 17:43:13.１"
    })
    void parse_rejectsAnythingElse(String text) {
        assertThat(ListenTime.parse(text)).isEqualTo(ListenTime.INVALID);
    }

    @Test
    void formatAndParse_agreeWithJavaTimeAcrossFourCenturies() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long epochSecond = random.nextLong(-5_000_000_000L, 8_000_000_000L);
            String expected = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).format(CANONICAL);

            assertThat(ListenTime.format(epochSecond)).isEqualTo(expected);
            assertThat(ListenTime.parse(expected)).isEqualTo(epochSecond);
            assertThat(ListenTime.formatDate(epochSecond)).isEqualTo(expected.substring(0, 10));
            assertThat(ListenTime.hourOf(epochSecond)).isEqualTo(Integer.parseInt(expected.substring(11, 13)));
        }
    }

    @Test
    void parse_offsetMatchesJavaTime() {
        OffsetDateTime time = OffsetDateTime.parse("2024-06-25T01:15:00+05:30");

        assertThat(ListenTime.parse("2024-06-25T01:15:00+05:30")).isEqualTo(time.toEpochSecond());
    }

    /**
     * The character check of validate's fast path agrees with parsing the text: on canonical-looking times with every
     * field at, inside and past its limits, and on random mutations of them (seed logged).
     */
    @Test
    void isValidCanonicalAcceptsExactlyTheCanonicalTimesParseAccepts() {
        long seed = System.nanoTime();
        System.out.println("ListenTimeTest seed " + seed);
        Random random = new Random(seed);
        String[] samples = {"2024-06-25 17:43:13", "2024-02-29 00:00:00", "2023-02-29 00:00:00", "2024-13-01 00:00:00",
            "0000-01-01 00:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2024-06-25 24:00:00",
            "2024-06-25 23:60:00", "2024-06-25 23:59:60", "2024-06-25T17:43:13", "2024-06-25 17:43:13Z",
            "2024-06-31 10:00:00", "2024-04-30 10:00:00", "2024-00-10 10:00:00", "2024-06-00 10:00:00",
            " 2024-06-25 17:43:1", "2024-06-25 17:4a:13", "2024/06/25 17:43:13"};
        String digitsAndSeparators = "0123456789-: T/Za";
        for (int i = 0; i < 20_000; i++) {
            char[] text = samples[random.nextInt(samples.length)].toCharArray();
            for (int m = random.nextInt(3); m > 0; m--) {
                text[random.nextInt(text.length)] = digitsAndSeparators.charAt(random.nextInt(digitsAndSeparators.length()));
            }
            String value = new String(text);
            char[] padded = ("xx" + value + "yy").toCharArray();
            boolean expected = ListenTime.isCanonical(value) && ListenTime.parse(value) != ListenTime.INVALID;

            assertThat(ListenTime.isValidCanonical(padded, 2, text.length)).as("'%s', seed %d", value, seed)
                    .isEqualTo(expected);
        }
    }
}
