package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListeningCalendarTest {
    private static final LocalDate MONDAY = LocalDate.of(2024, 6, 24);

    @Test
    void hours_shareThePlaysExactly() {
        ListeningCalendar calendar = new ListeningCalendar(MONDAY, 3, 1_000_003);

        assertThat(calendar.hours()).isEqualTo(72);
        assertThat(IntStream.range(0, 72).mapToLong(calendar::playsIn).sum()).isEqualTo(1_000_003);
    }

    @Test
    void hourOf_findsTheHourWhosePlaysHoldThePosition() {
        ListeningCalendar calendar = new ListeningCalendar(MONDAY, 2, 5_000);

        for (int hour = 0; hour < calendar.hours(); hour++) {
            long first = calendar.firstPlayOf(hour);
            if (calendar.playsIn(hour) > 0) {
                assertThat(calendar.hourOf(first)).isEqualTo(hour);
                assertThat(calendar.hourOf(first + calendar.playsIn(hour) - 1)).isEqualTo(hour);
            }
        }
    }

    @Test
    void hourOf_skipsHoursWithoutPlays() {
        ListeningCalendar calendar = new ListeningCalendar(MONDAY, 1, 3);

        assertThat(IntStream.range(0, 3).map(p -> calendar.hourOf(p))).allMatch(h -> calendar.playsIn(h) > 0);
    }

    @Test
    void startOf_countsHoursFromMidnightOfTheStartDateUtc() {
        ListeningCalendar calendar = new ListeningCalendar(MONDAY, 2, 10);

        assertThat(calendar.startOf(25)).isEqualTo(MONDAY.toEpochDay() * 86_400 + 25 * 3_600);
    }

    @Test
    void saturday_outplaysMonday() {
        ListeningCalendar calendar = new ListeningCalendar(MONDAY, 7, 700_000);
        long monday = IntStream.range(0, 24).mapToLong(calendar::playsIn).sum();
        long saturday = IntStream.range(5 * 24, 6 * 24).mapToLong(calendar::playsIn).sum();

        assertThat(saturday).isGreaterThan(monday);
    }
}
