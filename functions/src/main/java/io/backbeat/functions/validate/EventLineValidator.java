package io.backbeat.functions.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.EventsContract;
import io.backbeat.events.contract.TextType;
import io.backbeat.functions.quarantine.RejectedRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one line of an events object against the rules of docs/data-formats.md ("App events"), in their
 * order: the line (UTF-8, one JSON object), then ts, sessionId, itemInSession, page, auth, level, userId, the
 * song fields of a {@code NextSong}, status. A valid line becomes a validated row: its line number, then the
 * contract's columns as canonical text (integers in plain digits, a guest's user id and absent values empty,
 * the song fields empty off {@code NextSong}). Jackson's streaming parser reads the line once, without a tree.
 */
final class EventLineValidator implements JsonLineValidator {
    /** The longest event line kept whole: Firehose's own record limit is 1,000 KiB. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /** Drift field names remembered per object: enough to name the problem, bounded against a hostile file. */
    private static final int MAX_DRIFT_FIELDS = 100;

    // A field named twice would leave which value counts to the parser: bad_json instead. Numbers may be as long as
    // a line, so an integer of many digits is out of range rather than unparseable.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_LINE_BYTES).build())
            .build();

    private static final int TS = 0;
    private static final int SESSION_ID = 1;
    private static final int ITEM_IN_SESSION = 2;
    private static final int PAGE = 3;
    private static final int AUTH = 4;
    private static final int LEVEL = 5;
    private static final int USER_ID = 6;
    private static final int ARTIST = 7;
    private static final int SONG = 8;
    private static final int LENGTH = 9;
    private static final int STATUS = 10;
    private static final String[] FIELD_NAMES = EventsContract.FIELDS.values().toArray(String[]::new);

    private final Value[] values = new Value[FIELD_NAMES.length];
    private final Set<String> driftFields = new LinkedHashSet<>();
    private final Set<String> ignoredFields = new LinkedHashSet<>();
    private final String[] row = new String[EventsContract.CONTRACT.columns().size() + 1];

    EventLineValidator() {
        for (int i = 0; i < values.length; i++) {
            values[i] = new Value();
        }
        if (!List.of(EventsContract.TS, EventsContract.USER_ID, EventsContract.SESSION_ID, EventsContract.ITEM_IN_SESSION,
                EventsContract.PAGE, EventsContract.AUTH, EventsContract.LEVEL, EventsContract.STATUS, EventsContract.ARTIST,
                EventsContract.SONG, EventsContract.LENGTH).equals(EventsContract.CONTRACT.columnNames())) {
            throw new IllegalStateException("EventLineValidator writes rows in an order the events contract no longer has");
        }
    }

    @Override
    public void check(long line, byte[] bytes, int length, boolean truncated, Rows rows) throws IOException {
        RejectedRow rejection = check(line, bytes, length, truncated);
        if (rejection == null) {
            rows.valid(row);
        } else {
            rows.rejected(rejection);
        }
    }

    @Override
    public int maxLineBytes() {
        return MAX_LINE_BYTES;
    }

    /**
     * Null when the line is a valid row ({@link #row} holds it), otherwise why it is not.
     *
     * @param line the line's number in the object
     * @param truncated whether the line was longer than {@link JsonLines#MAX_LINE_BYTES}
     */
    private RejectedRow check(long line, byte[] bytes, int length, boolean truncated) throws IOException {
        if (truncated) {
            return reject(line, null, ReasonCode.BAD_JSON, "the line is longer than " + MAX_LINE_BYTES
                    + " bytes; send one event per line (a Firehose record is at most 1,000 KiB)", bytes, length);
        }
        if (!isUtf8(bytes, length)) {
            return reject(line, null, ReasonCode.BAD_ENCODING,
                    "the line holds bytes that are not UTF-8 (shown as \uFFFD); write events as UTF-8", bytes, length);
        }
        String notAnObject = parse(bytes, length);
        if (notAnObject != null) {
            return reject(line, null, ReasonCode.BAD_JSON, notAnObject, bytes, length);
        }
        for (int field = 0; field < FIELD_NAMES.length; field++) {
            Problem problem = problem(field);
            if (problem != null) {
                return reject(line, FIELD_NAMES[field], problem.reason(), problem.message(), bytes, length);
            }
        }
        fillRow(line);
        return null;
    }

    /** Fields no rule reads and eventsim does not write, in the order first seen: drift. */
    @Override
    public List<String> driftFields() {
        return List.copyOf(driftFields);
    }

    /** Descriptive fields seen, dropped silently. */
    @Override
    public List<String> ignoredFields() {
        return List.copyOf(ignoredFields);
    }

    /** Reads the line's object into {@link #values}; null when it is exactly one object, otherwise why not. */
    private String parse(byte[] bytes, int length) throws IOException {
        for (Value value : values) {
            value.clear();
        }
        int start = 0;
        while (start < length && (bytes[start] == ' ' || bytes[start] == '\t')) {
            start++;
        }
        if (start == length || bytes[start] != '{') {
            return "the line is not a JSON object; write one object per line, like {\"ts\":1541903636796,...}";
        }
        try (JsonParser parser = JSON.createParser(bytes, start, length - start)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                int field = fieldIndex(name);
                if (field < 0) {
                    (EventsContract.DESCRIPTIVE_FIELDS.contains(name) ? ignoredFields : driftFieldsBounded()).add(name);
                    parser.skipChildren();
                } else {
                    values[field].read(parser, valueToken);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return "the line is not one complete JSON object";
            }
            long end = start + parser.currentTokenLocation().getByteOffset() + 1;
            for (long i = end; i < length; i++) {
                if (bytes[(int) i] != ' ' && bytes[(int) i] != '\t') {
                    return "something follows the JSON object at byte " + (i + 1) + "; write one object per line";
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return "the line is not valid JSON: " + e.getOriginalMessage();
        }
    }

    private Set<String> driftFieldsBounded() {
        return driftFields.size() < MAX_DRIFT_FIELDS ? driftFields : new LinkedHashSet<>();
    }

    private static int fieldIndex(String name) {
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            if (FIELD_NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The first rule {@code field} breaks, or null. */
    private Problem problem(int field) {
        Value v = values[field];
        String name = FIELD_NAMES[field];
        switch (field) {
            case TS -> {
                if (v.kind == Kind.ABSENT) {
                    return missing(name);
                }
                boolean inRange = v.integer >= EventsContract.TS_TYPE.min() && v.integer <= EventsContract.TS_TYPE.max();
                return v.kind == Kind.INTEGER && inRange ? null : new Problem(ReasonCode.BAD_TIMESTAMP,
                        "ts must be a JSON integer of epoch milliseconds from 946684800000 (2000-01-01Z) to 4102444799999");
            }
            case SESSION_ID, ITEM_IN_SESSION -> {
                if (v.kind == Kind.ABSENT) {
                    return missing(name);
                }
                if (v.kind != Kind.INTEGER && v.kind != Kind.BIG_INTEGER) {
                    return new Problem(ReasonCode.BAD_INTEGER, name + " must be a JSON integer (no quotes, no fraction)");
                }
                return v.kind == Kind.INTEGER && v.integer >= 0 ? null
                        : new Problem(ReasonCode.OUT_OF_RANGE, name + " must be between 0 and " + Long.MAX_VALUE);
            }
            case PAGE -> {
                return text(v, name, EventsContract.PAGE_TYPE.maxBytes());
            }
            case AUTH, LEVEL -> {
                if (v.kind == Kind.ABSENT) {
                    return missing(name);
                }
                if (v.kind == Kind.STRING && v.text.isBlank()) {
                    return new Problem(ReasonCode.MISSING_VALUE, name + " is required but blank");
                }
                var type = field == AUTH ? EventsContract.AUTH_TYPE : EventsContract.LEVEL_TYPE;
                return v.kind == Kind.STRING && type.check(v.text) == null ? null
                        : new Problem(ReasonCode.BAD_VALUE, type.explain(name, ReasonCode.BAD_VALUE));
            }
            case USER_ID -> {
                return userId(v) != null || isGuest(v) ? null
                        : new Problem(ReasonCode.BAD_INTEGER, "userId must be a whole number from 1 to " + Long.MAX_VALUE
                                + ", as digits in a string or a JSON integer; leave it out, null or \"\" for a guest");
            }
            case ARTIST, SONG -> {
                return isSongPlay() ? text(v, name, EventsContract.SONG_TEXT_TYPE.maxBytes()) : null;
            }
            case LENGTH -> {
                if (!isSongPlay()) {
                    return null;
                }
                if (v.kind == Kind.ABSENT) {
                    return missing(name);
                }
                if (v.kind != Kind.INTEGER && v.kind != Kind.BIG_INTEGER && v.kind != Kind.FLOAT) {
                    return new Problem(ReasonCode.BAD_VALUE, "length must be a JSON number of seconds (no quotes)");
                }
                double seconds = v.number();
                return Double.isFinite(seconds) && seconds > 0 ? null
                        : new Problem(ReasonCode.OUT_OF_RANGE, "length must be a finite number of seconds greater than 0");
            }
            case STATUS -> {
                if (v.kind == Kind.ABSENT) {
                    return null;
                }
                if (v.kind != Kind.INTEGER && v.kind != Kind.BIG_INTEGER) {
                    return new Problem(ReasonCode.BAD_INTEGER, "status must be a JSON integer (an HTTP status)");
                }
                return v.kind == Kind.INTEGER && v.integer >= 100 && v.integer <= 599 ? null
                        : new Problem(ReasonCode.OUT_OF_RANGE, "status must be between 100 and 599");
            }
            default -> throw new IllegalStateException("no rule for field " + name);
        }
    }

    private static Problem missing(String name) {
        return new Problem(ReasonCode.MISSING_VALUE, name + " is required but " + "absent or null");
    }

    /** Required non-blank text of at most {@code maxBytes} UTF-8 bytes that the warehouse can store. */
    private static Problem text(Value v, String name, int maxBytes) {
        if (v.kind == Kind.ABSENT) {
            return missing(name);
        }
        if (v.kind != Kind.STRING) {
            return new Problem(ReasonCode.BAD_VALUE, name + " must be a JSON string");
        }
        if (v.text.isBlank()) {
            return new Problem(ReasonCode.MISSING_VALUE, name + " is required but blank");
        }
        if (!storable(v.text)) {
            return new Problem(ReasonCode.BAD_ENCODING,
                    name + " holds a NUL character or an unpaired surrogate (\\ud800-\\udfff), which the warehouse cannot store");
        }
        return TextType.utf8Length(v.text) <= maxBytes ? null
                : new Problem(ReasonCode.TOO_LONG, name + " is longer than " + maxBytes + " UTF-8 bytes");
    }

    private boolean isSongPlay() {
        Value page = values[PAGE];
        return page.kind == Kind.STRING && EventsContract.SONG_PLAY_PAGE.equals(page.text);
    }

    private static boolean isGuest(Value v) {
        return v.kind == Kind.ABSENT || v.kind == Kind.STRING && v.text.isEmpty();
    }

    /** The user id's canonical digits, or null for a guest or a value that is not a user id. */
    private static String userId(Value v) {
        if (v.kind == Kind.INTEGER) {
            return v.integer >= 1 ? Long.toString(v.integer) : null;
        }
        if (v.kind != Kind.STRING || v.text.isEmpty()) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < v.text.length(); i++) {
            int digit = v.text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return null;
            }
            value = value * 10 + digit;
        }
        return value >= 1 ? Long.toString(value) : null;
    }

    private void fillRow(long line) {
        boolean songPlay = isSongPlay();
        String user = userId(values[USER_ID]);
        row[0] = Long.toString(line);
        row[1] = Long.toString(values[TS].integer);
        row[2] = user == null ? "" : user;
        row[3] = Long.toString(values[SESSION_ID].integer);
        row[4] = Long.toString(values[ITEM_IN_SESSION].integer);
        row[5] = values[PAGE].text;
        row[6] = values[AUTH].text;
        row[7] = values[LEVEL].text;
        row[8] = values[STATUS].kind == Kind.ABSENT ? "" : Long.toString(values[STATUS].integer);
        row[9] = songPlay ? values[ARTIST].text : "";
        row[10] = songPlay ? values[SONG].text : "";
        row[11] = songPlay ? Double.toString(values[LENGTH].number()) : "";
    }

    private static RejectedRow reject(long line, String field, ReasonCode reason, String message, byte[] bytes, int length) {
        return new RejectedRow(line, field, reason, message, new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    /** Whether a string can be stored as UTF-8 text by the warehouse: no NUL, no unpaired surrogate. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 (no overlong forms, no encoded surrogates), with a fast path for ASCII. */
    static boolean isUtf8(byte[] bytes, int length) {
        int i = 0;
        while (i < length && bytes[i] >= 0) {
            i++;
        }
        if (i == length) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, i, length - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private record Problem(ReasonCode reason, String message) {}

    private enum Kind { ABSENT, STRING, INTEGER, BIG_INTEGER, FLOAT, OTHER }

    /** One field's value as the parser gave it. */
    private static final class Value {
        Kind kind = Kind.ABSENT;
        String text;
        long integer;
        double floating;

        void clear() {
            kind = Kind.ABSENT;
            text = null;
        }

        void read(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case VALUE_NULL -> kind = Kind.ABSENT;
                case VALUE_STRING -> {
                    kind = Kind.STRING;
                    text = parser.getText();
                }
                case VALUE_NUMBER_INT -> {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        kind = Kind.BIG_INTEGER;
                        floating = parser.getBigIntegerValue().doubleValue();
                    } else {
                        kind = Kind.INTEGER;
                        integer = parser.getLongValue();
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    kind = Kind.FLOAT;
                    floating = parser.getDoubleValue();
                }
                default -> {
                    kind = Kind.OTHER;
                    parser.skipChildren();
                }
            }
        }

        double number() {
            return kind == Kind.INTEGER ? integer : floating;
        }
    }
}
