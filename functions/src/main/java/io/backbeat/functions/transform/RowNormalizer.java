package io.backbeat.functions.transform;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.IntegerType;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.SongsContract;

/**
 * Turns a validated row (values as uploaded, already checked) into a staged row: strings trimmed,
 * integers written canonically ({@code +007} becomes {@code 7}), listen times as
 * {@code YYYY-MM-DD HH:MM:SS} UTC with {@code listen_date} and {@code listen_hour} appended, genres
 * lower-cased (as {@link SongsContract#GENRE_TYPE} checked them), artist credits trimmed and empty credits dropped.
 */
sealed interface RowNormalizer {

    /**
     * @param values the contract columns in canonical order, as validated
     * @return the staged row: the contract columns normalized, then any derived columns
     */
    String[] normalize(String[] values);

    static RowNormalizer of(Dataset dataset) {
        return switch (dataset) {
            case USERS -> new Users();
            case SONGS -> new Songs();
            case STREAMS -> new Streams();
            case EVENTS -> new Events();
            case CATALOG -> new Catalog();
        };
    }

    record Users() implements RowNormalizer {
        @Override
        public String[] normalize(String[] v) {
            return new String[] {integer(v[0]), v[1].strip(), integer(v[2]), v[3].strip(), v[4].strip()};
        }
    }

    record Songs() implements RowNormalizer {
        @Override
        public String[] normalize(String[] v) {
            return new String[] {
                v[0].strip(), credits(v[1]), v[2].strip(), v[3].strip(), integer(v[4]), integer(v[5]),
                SongsContract.GENRE_TYPE.normalize(v[6])
            };
        }
    }

    record Streams() implements RowNormalizer {
        private static final String[] HOURS =
                java.util.stream.IntStream.range(0, 24).mapToObj(Integer::toString).toArray(String[]::new);

        @Override
        public String[] normalize(String[] v) {
            String text = v[2].strip();
            String listenTime;
            int hour;
            if (ListenTime.isCanonical(text)) { // the common case: no parsing, no formatting
                listenTime = text;
                hour = (text.charAt(11) - '0') * 10 + text.charAt(12) - '0';
            } else {
                long epochSecond = ListenTime.parse(text);
                listenTime = ListenTime.format(epochSecond);
                hour = ListenTime.hourOf(epochSecond);
            }
            return new String[] {integer(v[0]), v[1].strip(), listenTime, listenTime.substring(0, 10), HOURS[hour]};
        }
    }

    /**
     * Events: validate already wrote every value canonically (JSON leaves nothing to trim, and text is kept exactly as
     * written); the time of {@code ts} is appended as {@code event_time} (milliseconds kept), {@code event_date} and
     * {@code event_hour}, UTC.
     */
    record Events() implements RowNormalizer {
        @Override
        public String[] normalize(String[] v) {
            long epochMilli = Long.parseLong(v[0]);
            long epochSecond = Math.floorDiv(epochMilli, 1000);
            String seconds = ListenTime.format(epochSecond);
            int millis = (int) Math.floorMod(epochMilli, 1000);
            String eventTime = seconds + "." + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                    + (char) ('0' + millis % 10);
            String[] row = java.util.Arrays.copyOf(v, v.length + 3);
            row[v.length] = eventTime;
            row[v.length + 1] = seconds.substring(0, 10);
            row[v.length + 2] = Integer.toString(ListenTime.hourOf(epochSecond));
            return row;
        }
    }

    /** Catalogue records: validate wrote them canonically from the API's JSON (release dates already full dates). */
    record Catalog() implements RowNormalizer {
        @Override
        public String[] normalize(String[] v) {
            return v;
        }
    }

    /** Canonical decimal text of a checked integer; an empty (optional) value stays empty. */
    static String integer(String value) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return stripped;
        }
        char first = stripped.charAt(0);
        boolean canonical = first >= '1' && first <= '9' || stripped.equals("0");
        return canonical ? stripped : Long.toString(IntegerType.parse(stripped));
    }

    /**
     * Credits trimmed, empty and repeated ones dropped ({@code " Ann ;; Bob;Ann"} becomes
     * {@code "Ann;Bob"}): each credited artist receives a play once.
     */
    static String credits(String value) {
        if (value.indexOf(SongsContract.ARTIST_SEPARATOR) < 0) {
            return value.strip();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String credit : value.split(java.util.regex.Pattern.quote(String.valueOf(SongsContract.ARTIST_SEPARATOR)), -1)) {
            String name = credit.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return String.join(String.valueOf(SongsContract.ARTIST_SEPARATOR), names);
    }
}
