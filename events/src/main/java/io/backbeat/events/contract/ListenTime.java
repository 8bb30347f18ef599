package io.backbeat.events.contract;

/**
 * Parses and formats listen times without {@code java.time} objects, because it runs for every stream
 * row. Accepted forms: {@code YYYY-MM-DD HH:MM:SS} with a space or {@code T}, optional fractional
 * seconds (truncated: the natural key has second precision), and an optional {@code Z} or
 * {@code ±HH:MM} / {@code ±HHMM} offset, converted to UTC.
 */
public final class ListenTime {
    /** Returned by {@link #parse} for text that is not an accepted timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final int CANONICAL_LENGTH = 19;
    private static final long FIRST_SECOND = daysFromCivil(1, 1, 1) * 86_400;
    private static final long LAST_SECOND = daysFromCivil(9999, 12, 31) * 86_400 + 86_399;

    private ListenTime() {}

    /** Seconds since the epoch (UTC) of {@code text}, or {@link #INVALID}. */
    public static long parse(String text) {
        int length = text.length();
        if (length < CANONICAL_LENGTH || !CalendarText.isDate(text, 0)) {
            return INVALID;
        }
        char separator = text.charAt(10);
        if ((separator != ' ' && separator != 'T') || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return INVALID;
        }
        int hour = CalendarText.digits(text, 11, 2);
        int minute = CalendarText.digits(text, 14, 2);
        int second = CalendarText.digits(text, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int i = CANONICAL_LENGTH;
        if (i < length && text.charAt(i) == '.') {
            int digitsStart = ++i;
            while (i < length && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
                i++;
            }
            if (i == digitsStart || i - digitsStart > 9) {
                return INVALID;
            }
        }
        int offsetSeconds = 0;
        if (i < length) {
            char zone = text.charAt(i);
            if (zone == 'Z' && i + 1 == length) {
                i++;
            } else if (zone == '+' || zone == '-') {
                int rest = length - i - 1;
                int offsetHours = CalendarText.digits(text, i + 1, 2);
                int offsetMinutes;
                if (rest == 5 && text.charAt(i + 3) == ':') {
                    offsetMinutes = CalendarText.digits(text, i + 4, 2);
                } else if (rest == 4) {
                    offsetMinutes = CalendarText.digits(text, i + 3, 2);
                } else {
                    return INVALID;
                }
                if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                    return INVALID;
                }
                offsetSeconds = (zone == '+' ? 1 : -1) * (offsetHours * 3600 + offsetMinutes * 60);
                i = length;
            }
        }
        if (i != length) {
            return INVALID;
        }
        long days = daysFromCivil(
                CalendarText.digits(text, 0, 4), CalendarText.digits(text, 5, 2), CalendarText.digits(text, 8, 2));
        long epochSecond = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        // An offset can push 0001-01-01 or 9999-12-31 out of the four-digit years we can write back.
        return epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND ? INVALID : epochSecond;
    }

    /**
     * True when {@code chars[offset, offset + length)} is a valid listen time already written {@code YYYY-MM-DD
     * HH:MM:SS}: exactly when {@link #parse} accepts it as text and {@link #isCanonical} holds. For validate's
     * fast path, which checks the characters the CSV reader hands over without making a string.
     */
    public static boolean isValidCanonical(char[] chars, int offset, int length) {
        if (length != CANONICAL_LENGTH || chars[offset + 4] != '-' || chars[offset + 7] != '-'
                || chars[offset + 10] != ' ' || chars[offset + 13] != ':' || chars[offset + 16] != ':') {
            return false;
        }
        int year = digits(chars, offset, 4);
        int month = digits(chars, offset + 5, 2);
        int day = digits(chars, offset + 8, 2);
        int hour = digits(chars, offset + 11, 2);
        int minute = digits(chars, offset + 14, 2);
        int second = digits(chars, offset + 17, 2);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= CalendarText.daysInMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    private static int digits(char[] chars, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = chars[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** True when {@code text} is already {@code YYYY-MM-DD HH:MM:SS}, so formatting would return it unchanged. */
    public static boolean isCanonical(String text) {
        return text.length() == CANONICAL_LENGTH && text.charAt(10) == ' ';
    }

    /** {@code YYYY-MM-DD HH:MM:SS} (UTC) of an epoch second. */
    public static String format(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        char[] out = new char[CANONICAL_LENGTH];
        writeDate(days, out);
        out[10] = ' ';
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        return new String(out);
    }

    /** {@code YYYY-MM-DD} of an epoch second (UTC). */
    public static String formatDate(long epochSecond) {
        char[] out = new char[10];
        writeDate(Math.floorDiv(epochSecond, 86_400), out);
        return new String(out);
    }

    /** Hour of day 0..23 (UTC) of an epoch second. */
    public static int hourOf(long epochSecond) {
        return (int) (Math.floorMod(epochSecond, 86_400) / 3600);
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static void writeDate(long days, char[] out) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        two(out, 0, year / 100);
        two(out, 2, year % 100);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, day);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
