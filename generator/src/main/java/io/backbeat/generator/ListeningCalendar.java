package io.backbeat.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How plays spread over the hours of the date range: few at night, a lunch bump, most in the evening, a
 * little more on Friday and Saturday. Every hour gets a whole number of plays (largest remainder), so the
 * total is exact and a play's hour follows from its position in the hour-by-hour order.
 */
final class ListeningCalendar {
    /** Relative plays per hour of day (UTC), shaped like a streaming service's daily curve. */
    private static final double[] HOURLY = {
        2.2, 1.4, 0.9, 0.7, 0.7, 1.0, 1.8, 3.0, 3.8, 3.8, 3.9, 4.1,
        4.6, 4.4, 4.2, 4.4, 4.9, 5.6, 6.3, 6.8, 7.0, 6.6, 5.2, 3.6,
    };
    private static final double[] WEEKDAY = {0.95, 0.95, 0.97, 1.0, 1.1, 1.12, 1.02};

    private final long firstSecond;
    /** {@code firstPlay[h]} plays fall before hour {@code h}; one extra entry holds the total. */
    private final long[] firstPlay;

    ListeningCalendar(LocalDate startDate, int days, long plays) {
        this.firstSecond = startDate.toEpochDay() * 86_400;
        double[] weights = new double[days * 24];
        for (int day = 0; day < days; day++) {
            DayOfWeek dayOfWeek = startDate.plusDays(day).getDayOfWeek();
            for (int hour = 0; hour < 24; hour++) {
                weights[day * 24 + hour] = HOURLY[hour] * WEEKDAY[dayOfWeek.ordinal()];
            }
        }
        long[] counts = apportion(plays, weights);
        firstPlay = new long[counts.length + 1];
        for (int hour = 0; hour < counts.length; hour++) {
            firstPlay[hour + 1] = firstPlay[hour] + counts[hour];
        }
    }

    int hours() {
        return firstPlay.length - 1;
    }

    long playsIn(int hour) {
        return firstPlay[hour + 1] - firstPlay[hour];
    }

    long busiestHourPlays() {
        return IntStream.range(0, hours()).mapToLong(this::playsIn).max().orElse(0);
    }

    long firstPlayOf(int hour) {
        return firstPlay[hour];
    }

    /** The hour (counted from the start of the range) of the play at {@code position} in hour order. */
    int hourOf(long position) {
        int found = Arrays.binarySearch(firstPlay, position);
        if (found >= 0) {
            // Empty hours share a boundary with the next one: take the last hour starting here.
            while (found + 1 < firstPlay.length && firstPlay[found + 1] == position) {
                found++;
            }
            return found;
        }
        return -found - 2;
    }

    /** Epoch second at which an hour of the range begins (UTC). */
    long startOf(int hour) {
        return firstSecond + hour * 3600L;
    }

    private static long[] apportion(long total, double[] weights) {
        double sum = Arrays.stream(weights).sum();
        long[] counts = new long[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double quota = total * weights[i] / sum;
            counts[i] = (long) quota;
            remainders[i] = quota - counts[i];
            given += counts[i];
        }
        Integer[] byRemainder = IntStream.range(0, weights.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byRemainder, Comparator.<Integer>comparingDouble(i -> -remainders[i]).thenComparing(i -> i));
        for (int i = 0; given < total; i++, given++) {
            counts[byRemainder[i % byRemainder.length]]++;
        }
        return counts;
    }
}
