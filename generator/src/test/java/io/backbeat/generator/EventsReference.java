package io.backbeat.generator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.backbeat.events.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The events rules of docs/data-formats.md ("App events"), applied as the page states them and written
 * without the generator's code: a line is UTF-8 of at most 1 MiB, exactly one JSON object with no field named
 * twice, then ts, sessionId and itemInSession, page, auth, level, userId, the song of a NextSong, and status,
 * in that order; the first rule broken is the reason. Blank lines are not rows. Valid rows repeating the
 * natural key (sessionId, itemInSession, ts) of an earlier valid row are duplicates.
 */
final class EventsReference {
    private static final long MAX_LINE_BYTES = 1 << 20;
    private static final long FIRST_TS = 946_684_800_000L;
    private static final long END_TS = 4_102_444_800_000L;
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Set<String> AUTHS = Set.of("Logged In", "Logged Out", "Guest", "Cancelled");
    private static final Set<String> LEVELS = Set.of("free", "paid");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventsReference() {}

    /** A row's failure: the first rule it breaks, and the JSON field it is about (null for the whole line). */
    record Rejection(long line, String field, ReasonCode reason) {}

    /** A valid row as read. */
    record Event(long line, JsonNode json) {
        long ts() {
            return json.get("ts").longValue();
        }

        long sessionId() {
            return json.get("sessionId").longValue();
        }

        long item() {
            return json.get("itemInSession").longValue();
        }

        String page() {
            return json.get("page").textValue();
        }

        String auth() {
            return json.get("auth").textValue();
        }

        String level() {
            return json.get("level").textValue();
        }

        /** The user, 0 for a guest event. */
        long userId() {
            JsonNode user = json.get("userId");
            if (user == null || user.isNull() || user.asText().isEmpty()) {
                return 0;
            }
            return Long.parseLong(user.asText());
        }

        String text(String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    record Report(
            long rows, long blankLines, long validRows, Map<ReasonCode, Long> rejectedRows, long duplicates,
            List<Rejection> rejections, List<Event> validEvents) {

        ExpectedOutcome outcome() {
            return new ExpectedOutcome(validRows, rejectedRows, duplicates, 0);
        }
    }

    static Report validate(Path file) {
        byte[] content = read(file);
        int from = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        long rows = 0;
        long blanks = 0;
        long valid = 0;
        long duplicates = 0;
        Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        List<Rejection> rejections = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Set<List<Long>> keys = new HashSet<>();
        long lineNumber = 0;
        while (from < content.length) {
            int end = from;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            int last = end < content.length && end > from && content[end - 1] == '\r' ? end - 1 : end;
            byte[] line = java.util.Arrays.copyOfRange(content, from, last);
            from = end + 1;
            if (blank(line)) {
                blanks++;
                continue;
            }
            rows++;
            Rejection rejection = check(line, lineNumber);
            if (rejection != null) {
                rejected.merge(rejection.reason(), 1L, Long::sum);
                rejections.add(rejection);
                continue;
            }
            valid++;
            Event event = new Event(lineNumber, parse(line));
            events.add(event);
            if (!keys.add(List.of(event.sessionId(), event.item(), event.ts()))) {
                duplicates++;
            }
        }
        return new Report(rows, blanks, valid, rejected, duplicates, rejections, events);
    }

    /** The first rule {@code line} (without its line end) breaks, or null when it is a valid row. */
    static Rejection check(byte[] line, long lineNumber) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Rejection(lineNumber, null, ReasonCode.BAD_ENCODING);
        }
        if (line.length > MAX_LINE_BYTES) {
            return new Rejection(lineNumber, null, ReasonCode.BAD_JSON);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejection(lineNumber, null, ReasonCode.BAD_JSON);
        }
        if (json == null || !json.isObject() || !onlyBlanksAfterObject(text)) {
            return new Rejection(lineNumber, null, ReasonCode.BAD_JSON);
        }
        String[] order = {"ts", "sessionId", "itemInSession", "page", "auth", "level", "userId"};
        for (String field : order) {
            ReasonCode reason = checkField(field, json.get(field));
            if (reason != null) {
                return new Rejection(lineNumber, field, reason);
            }
        }
        JsonNode page = json.get("page");
        if (page.textValue().equals("NextSong")) {
            for (String field : new String[] {"artist", "song", "length"}) {
                ReasonCode reason = checkField(field, json.get(field));
                if (reason != null) {
                    return new Rejection(lineNumber, field, reason);
                }
            }
        }
        ReasonCode status = checkField("status", json.get("status"));
        return status == null ? null : new Rejection(lineNumber, "status", status);
    }

    private static ReasonCode checkField(String field, JsonNode value) {
        boolean absent = value == null || value.isNull();
        return switch (field) {
            case "ts" -> absent ? ReasonCode.MISSING_VALUE
                    : integerWithin(value, BigInteger.valueOf(FIRST_TS), BigInteger.valueOf(END_TS - 1)) == null
                            ? null : ReasonCode.BAD_TIMESTAMP;
            case "sessionId", "itemInSession" -> absent ? ReasonCode.MISSING_VALUE
                    : integerWithin(value, BigInteger.ZERO, MAX_LONG);
            case "page" -> text(value, 64);
            case "auth" -> choice(value, AUTHS);
            case "level" -> choice(value, LEVELS);
            case "userId" -> userId(value);
            case "artist", "song" -> text(value, 65_535);
            case "length" -> absent ? ReasonCode.MISSING_VALUE
                    : !value.isNumber() ? ReasonCode.BAD_VALUE
                    : Double.isFinite(value.doubleValue()) && value.doubleValue() > 0 ? null : ReasonCode.OUT_OF_RANGE;
            case "status" -> absent ? null : integerWithin(value, BigInteger.valueOf(100), BigInteger.valueOf(599));
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Null when {@code value} is a JSON integer within the bounds; bad_integer or out_of_range otherwise. */
    private static ReasonCode integerWithin(JsonNode value, BigInteger min, BigInteger max) {
        if (!value.isIntegralNumber()) {
            return ReasonCode.BAD_INTEGER;
        }
        BigInteger number = value.bigIntegerValue();
        return number.compareTo(min) >= 0 && number.compareTo(max) <= 0 ? null : ReasonCode.OUT_OF_RANGE;
    }

    /** Required non-blank text of at most {@code maxBytes} UTF-8 bytes that the warehouse can store. */
    private static ReasonCode text(JsonNode value, int maxBytes) {
        if (value == null || value.isNull()) {
            return ReasonCode.MISSING_VALUE;
        }
        if (!value.isTextual()) {
            return ReasonCode.BAD_VALUE;
        }
        String text = value.textValue();
        if (unstorable(text)) {
            return ReasonCode.BAD_ENCODING;
        }
        if (text.isBlank()) {
            return ReasonCode.MISSING_VALUE;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > maxBytes ? ReasonCode.TOO_LONG : null;
    }

    private static ReasonCode choice(JsonNode value, Set<String> words) {
        if (value == null || value.isNull()) {
            return ReasonCode.MISSING_VALUE;
        }
        if (!value.isTextual()) {
            return ReasonCode.BAD_VALUE;
        }
        if (unstorable(value.textValue())) {
            return ReasonCode.BAD_ENCODING;
        }
        if (value.textValue().isBlank()) {
            return ReasonCode.MISSING_VALUE;
        }
        return words.contains(value.textValue()) ? null : ReasonCode.BAD_VALUE;
    }

    private static ReasonCode userId(JsonNode value) {
        if (value == null || value.isNull() || value.isTextual() && value.textValue().isEmpty()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return integerWithin(value, BigInteger.ONE, MAX_LONG) == null ? null : ReasonCode.BAD_INTEGER;
        }
        if (!value.isTextual() || !value.textValue().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return ReasonCode.BAD_INTEGER;
        }
        BigInteger number = new BigInteger(value.textValue());
        return number.signum() > 0 && number.compareTo(MAX_LONG) <= 0 ? null : ReasonCode.BAD_INTEGER;
    }

    /** U+0000 or a surrogate not in a pair: text the warehouse cannot store. */
    private static boolean unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Jackson accepts any white space after the object; the docs allow only spaces and tabs. */
    private static boolean onlyBlanksAfterObject(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return end > 0 && text.charAt(end - 1) == '}';
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(byte[] line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, gunzipped when they are gzip (by content, as the pipeline reads them). */
    static byte[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readAllBytes();
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
