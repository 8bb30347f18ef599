package io.backbeat.functions.validate;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.IntegerType;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.SongsContract;

/**
 * Writes a checked row's values (as uploaded) canonically, as validate hands them to the {@code validated/} zone:
 * strings trimmed, integers written canonically ({@code +007} becomes {@code 7}), listen times as
 * {@code YYYY-MM-DD HH:MM:SS} UTC, genres lower-cased (as {@link SongsContract#GENRE_TYPE} checked them), artist
 * credits trimmed and empty credits dropped. Validate does this, not transform, because it has the values as text in
 * hand; transform only adds the derived columns (its {@code DerivedColumns}) and removes repeats.
 */
sealed interface RowNormalizer {

    /**
     * @param values the contract columns in canonical order, as uploaded and checked
     * @return the contract columns normalized (the same array where nothing needs changing)
     */
    String[] normalize(String[] values);

    static RowNormalizer of(Dataset dataset) {
        return switch (dataset) {
            case USERS -> new Users();
            case SONGS -> new Songs();
            case STREAMS -> new Streams();
            case EVENTS, CATALOG -> new AsWritten();
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
        @Override
        public String[] normalize(String[] v) {
            String text = v[2].strip();
            String listenTime = ListenTime.isCanonical(text) ? text : ListenTime.format(ListenTime.parse(text));
            return new String[] {integer(v[0]), v[1].strip(), listenTime};
        }
    }

    /**
     * Events and catalogue records: validate wrote every value canonically from JSON (JSON leaves nothing to trim; the
     * API's release dates are already full dates), so they are kept as they are.
     */
    record AsWritten() implements RowNormalizer {
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
