package io.backbeat.events.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The app's event log: one JSON object per line with eventsim's field names, as eventsim writes it and as
 * Amazon Data Firehose delivers it. The columns are the warehouse's (snake case); {@link #FIELDS} maps each to
 * the JSON field it is read from, and rejections name the field, which is what a person finds in the file. The
 * rules each field is checked by are in {@code docs/data-formats.md}; the natural key is (sessionId,
 * itemInSession, ts).
 *
 * <p>Artist, song and length belong to {@code NextSong} events only: on other pages they are not checked and not
 * kept. The descriptive fields ({@link #DESCRIPTIVE_FIELDS}) have no warehouse column and are dropped silently;
 * any other field is drift, dropped and reported.
 */
public final class EventsContract {
    public static final String TS = "ts";
    public static final String USER_ID = "user_id";
    public static final String SESSION_ID = "session_id";
    public static final String ITEM_IN_SESSION = "item_in_session";
    public static final String PAGE = "page";
    public static final String AUTH = "auth";
    public static final String LEVEL = "level";
    public static final String STATUS = "status";
    public static final String ARTIST = "artist";
    public static final String SONG = "song";
    public static final String LENGTH = "length";
    /** Derived by transform from {@link #TS}: {@code YYYY-MM-DD HH:MM:SS.mmm} UTC. */
    public static final String EVENT_TIME = "event_time";
    /** Derived by transform from {@link #TS}: {@code YYYY-MM-DD} (UTC). */
    public static final String EVENT_DATE = "event_date";
    /** Derived by transform from {@link #TS}: hour of day 0..23 (UTC). */
    public static final String EVENT_HOUR = "event_hour";

    /** The page of a song play; only its events carry artist, song and length. */
    public static final String SONG_PLAY_PAGE = "NextSong";

    /** 2000-01-01T00:00:00Z .. 2099-12-31T23:59:59.999Z, in epoch milliseconds. */
    public static final IntegerType TS_TYPE = new IntegerType(946_684_800_000L, 4_102_444_799_999L);
    /** Session ids and positions are any non-negative 64-bit integer. */
    public static final IntegerType COUNTER_TYPE = new IntegerType(0, Long.MAX_VALUE);
    public static final TextType PAGE_TYPE = new TextType(64);
    public static final ChoiceType AUTH_TYPE = ChoiceType.of("Logged In", "Logged Out", "Guest", "Cancelled");
    public static final ChoiceType LEVEL_TYPE = ChoiceType.of("free", "paid");
    public static final IntegerType STATUS_TYPE = new IntegerType(100, 599);
    /**
     * Artist and song have no limit of their own; Redshift's widest VARCHAR (65,535 bytes:
     * https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html) is theirs, and a longer one is
     * {@code too_long} rather than a failed COPY.
     */
    public static final TextType SONG_TEXT_TYPE = new TextType(65_535);
    public static final NumberType LENGTH_TYPE = new NumberType(0);

    /** Each contract column and the JSON field it is read from, in the order rows are checked. */
    public static final Map<String, String> FIELDS = orderedMap(
            TS, "ts", SESSION_ID, "sessionId", ITEM_IN_SESSION, "itemInSession", PAGE, "page", AUTH, "auth",
            LEVEL, "level", USER_ID, "userId", ARTIST, "artist", SONG, "song", LENGTH, "length", STATUS, "status");

    /** Fields eventsim writes that the warehouse has no column for: dropped without a drift warning. */
    public static final Set<String> DESCRIPTIVE_FIELDS =
            Set.of("method", "location", "userAgent", "firstName", "lastName", "gender", "registration");

    public static final DatasetContract CONTRACT = new DatasetContract(
            "events",
            List.of(
                    Column.required(TS, TS_TYPE),
                    Column.optional(USER_ID, UsersContract.USER_ID_TYPE),
                    Column.required(SESSION_ID, COUNTER_TYPE),
                    Column.required(ITEM_IN_SESSION, COUNTER_TYPE),
                    Column.required(PAGE, PAGE_TYPE),
                    Column.required(AUTH, AUTH_TYPE),
                    Column.required(LEVEL, LEVEL_TYPE),
                    Column.optional(STATUS, STATUS_TYPE),
                    Column.optional(ARTIST, SONG_TEXT_TYPE),
                    Column.optional(SONG, SONG_TEXT_TYPE),
                    Column.optional(LENGTH, LENGTH_TYPE)),
            List.of(SESSION_ID, ITEM_IN_SESSION, TS),
            DESCRIPTIVE_FIELDS.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
            List.of(
                    Column.required(EVENT_TIME, new TimestampType()),
                    Column.required(EVENT_DATE, new DateType()),
                    Column.required(EVENT_HOUR, new IntegerType(0, 23))));

    /** The JSON field a column is read from. */
    public static String field(String column) {
        String field = FIELDS.get(column);
        if (field == null) {
            throw new IllegalArgumentException("events has no column " + column);
        }
        return field;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private EventsContract() {}
}
