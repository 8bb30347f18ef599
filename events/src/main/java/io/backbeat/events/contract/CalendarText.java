package io.backbeat.events.contract;

/** Digit-level checks of ISO calendar text, without allocating (they run once per row). */
final class CalendarText {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CalendarText() {}

    /** Value of {@code count} ASCII digits at {@code from}, or -1 when any is not a digit. */
    static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** True when {@code YYYY-MM-DD} at {@code from} is a real date of years 0001..9999. */
    static boolean isDate(String s, int from) {
        if (s.length() < from + 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return false;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    static int daysInMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }
}
