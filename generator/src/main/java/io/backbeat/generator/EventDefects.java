package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Spoils a valid events line so that validation rejects it for one given reason, checked in the order of
 * docs/data-formats.md (encoding, JSON, ts, sessionId and itemInSession, page, auth, level, userId, the song
 * of a NextSong, status): exactly one thing changes, and it breaks the first rule the line meets. The line
 * to spoil is a signed-in user's {@code NextSong} with a status, so every field a reason can hit is there.
 * The field and the form of the damage rotate with the ordinal.
 */
final class EventDefects {
    private static final Set<ReasonCode> SUPPORTED = EnumSet.of(ReasonCode.BAD_ENCODING, ReasonCode.BAD_JSON,
            ReasonCode.MISSING_VALUE, ReasonCode.BAD_TIMESTAMP, ReasonCode.BAD_INTEGER, ReasonCode.OUT_OF_RANGE,
            ReasonCode.BAD_VALUE, ReasonCode.TOO_LONG);
    /**
     * Private-use characters standing for bytes that are not UTF-8 until the line is encoded: a lone 0xE9
     * (Latin-1 é), a 0xFF, and a three-byte sequence cut after two bytes; each is placed before an ASCII
     * character, which no UTF-8 sequence continues with.
     */
    private static final char LATIN1_E_ACUTE = '\uE000';
    private static final char BYTE_FF = '\uE001';
    private static final char CUT_SEQUENCE = '\uE002';
    private static final String TOO_LONG_PAGE = "Submit Upgrade / ".repeat(4) + "Now";
    private static final int LONGEST_SONG_TEXT = 65_535;

    private EventDefects() {}

    static boolean supports(ReasonCode reason) {
        return SUPPORTED.contains(reason);
    }

    static List<ReasonCode> supported() {
        return List.copyOf(SUPPORTED);
    }

    /**
     * The spoiled line, without its line end.
     *
     * @param valid a valid {@code NextSong} line of a signed-in user, with a status
     * @throws IllegalArgumentException for a reason no events line can fail with
     */
    static byte[] spoil(ReasonCode reason, JsonLine valid, int ordinal) {
        List<UnaryOperator<String>> variants = switch (reason) {
            case BAD_ENCODING -> badEncoding(valid);
            case BAD_JSON -> badJson(valid);
            case MISSING_VALUE -> changeField(valid, missing());
            case BAD_TIMESTAMP -> badTimestamp(valid);
            case BAD_INTEGER -> badInteger(valid);
            case OUT_OF_RANGE -> outOfRange(valid);
            case BAD_VALUE -> badValue(valid);
            case TOO_LONG -> tooLong(valid);
            default -> throw new IllegalArgumentException("no events line can fail with " + reason.code()
                    + "; events can fail with " + supported().stream().map(ReasonCode::code).toList());
        };
        return encode(variants.get(ordinal % variants.size()).apply(valid.text()));
    }

    /** Bytes that are not UTF-8 anywhere in the line, or a text field holding what the warehouse cannot store. */
    private static List<UnaryOperator<String>> badEncoding(JsonLine valid) {
        return List.of(
                text -> endString(valid, "location", String.valueOf(LATIN1_E_ACUTE)),
                text -> endString(valid, "userAgent", BYTE_FF + "x"),
                text -> endString(valid, "firstName", String.valueOf(CUT_SEQUENCE)),
                text -> valid.with("page", JsonLine.quote("Next\0Song")).text(),
                text -> endString(valid, "song", "\\ud800"));
    }

    private static List<UnaryOperator<String>> badJson(JsonLine valid) {
        return List.of(
                text -> text.substring(0, text.length() - 1),
                text -> "[" + text + "]",
                text -> text + ",",
                text -> valid.copy().json("page", valid.value("page")).text(),
                text -> valid.value("page"),
                text -> text + text,
                text -> text.replaceFirst("\"ts\":", "ts:"),
                text -> valid.with("level", "'" + unquote(valid.value("level")) + "'").text());
    }

    /** Each required field in turn absent, null or blank; the song's fields of a NextSong last. */
    private static List<String[]> missing() {
        return List.of(
                new String[] {"ts", null}, new String[] {"sessionId", "null"}, new String[] {"itemInSession", null},
                new String[] {"page", "\"   \""}, new String[] {"page", "\"\""}, new String[] {"page", "null"},
                new String[] {"auth", null}, new String[] {"level", "null"}, new String[] {"artist", null},
                new String[] {"song", "\" \\t \""}, new String[] {"length", "null"}, new String[] {"page", null});
    }

    private static List<UnaryOperator<String>> badTimestamp(JsonLine valid) {
        long ts = Long.parseLong(valid.value("ts"));
        return changeField(valid, List.of(
                new String[] {"ts", "\"" + ts + "\""},
                new String[] {"ts", ts + ".5"},
                new String[] {"ts", Long.toString(ts / 1000)},
                new String[] {"ts", "\"" + Instant.ofEpochMilli(ts) + "\""},
                new String[] {"ts", Long.toString(ts * 1000)},
                new String[] {"ts", "-1"},
                new String[] {"ts", "946684799999"},
                new String[] {"ts", "4102444800000"}));
    }

    private static List<UnaryOperator<String>> badInteger(JsonLine valid) {
        String session = valid.value("sessionId");
        return changeField(valid, List.of(
                new String[] {"sessionId", "\"" + session + "\""},
                new String[] {"itemInSession", valid.value("itemInSession") + ".5"},
                new String[] {"sessionId", "true"},
                new String[] {"userId", "\"user" + unquote(valid.value("userId")) + "\""},
                new String[] {"userId", "\"0\""},
                new String[] {"userId", "\"-12\""},
                new String[] {"userId", "12.5"},
                new String[] {"userId", "\"١٢\""},
                new String[] {"status", "\"200\""},
                new String[] {"status", "200.5"},
                new String[] {"userId", "\"99999999999999999999\""}));
    }

    private static List<UnaryOperator<String>> outOfRange(JsonLine valid) {
        return changeField(valid, List.of(
                new String[] {"sessionId", "-1"},
                new String[] {"itemInSession", "-3"},
                new String[] {"sessionId", "9223372036854775808"},
                new String[] {"length", "0"},
                new String[] {"length", "-" + valid.value("length")},
                new String[] {"status", "600"},
                new String[] {"status", "99"},
                new String[] {"itemInSession", "99999999999999999999"}));
    }

    private static List<UnaryOperator<String>> badValue(JsonLine valid) {
        return changeField(valid, List.of(
                new String[] {"auth", "\"logged in\""},
                new String[] {"auth", "\"Admin\""},
                new String[] {"level", "\"premium\""},
                new String[] {"level", "\"Paid\""},
                new String[] {"page", "42"},
                new String[] {"auth", "true"},
                new String[] {"artist", "7"},
                new String[] {"length", "\"" + valid.value("length") + "\""},
                new String[] {"song", "false"}));
    }

    /** Over 64 UTF-8 bytes for a page (in ASCII, or in 22 CJK characters), over 65,535 for artist or song. */
    private static List<UnaryOperator<String>> tooLong(JsonLine valid) {
        return List.of(
                text -> valid.with("page", JsonLine.quote(TOO_LONG_PAGE)).text(),
                text -> valid.with("page", JsonLine.quote("音".repeat(22))).text(),
                text -> valid.with("song", JsonLine.quote(overLimit(unquoteText(valid.value("song"))))).text(),
                text -> valid.with("artist", JsonLine.quote("🎵".repeat(LONGEST_SONG_TEXT / 4 + 1))).text());
    }

    /** The title repeated, " / " between, until it is longer than a song text may be. */
    private static String overLimit(String title) {
        int titleBytes = title.getBytes(StandardCharsets.UTF_8).length;
        return String.join(" / ", Collections.nCopies(LONGEST_SONG_TEXT / (titleBytes + 3) + 2, title));
    }

    /** One variant per {field, JSON text} pair: the field's value replaced, or the field dropped for null text. */
    private static List<UnaryOperator<String>> changeField(JsonLine valid, List<String[]> changes) {
        return changes.stream()
                .<UnaryOperator<String>>map(change -> text -> change[1] == null
                        ? valid.without(change[0]).text()
                        : valid.with(change[0], change[1]).text())
                .toList();
    }

    /** The line with {@code suffix} (JSON text) added at the end of a string field's value. */
    private static String endString(JsonLine valid, String field, String suffix) {
        String quoted = valid.value(field);
        return valid.with(field, quoted.substring(0, quoted.length() - 1) + suffix + "\"").text();
    }

    private static String unquote(String json) {
        return json.substring(1, json.length() - 1);
    }

    /** The text of a JSON string this generator wrote (escapes undone). */
    private static String unquoteText(String json) {
        StringBuilder text = new StringBuilder(json.length());
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> text.append(escaped);
            }
        }
        return text.toString();
    }

    /** UTF-8, with the stand-in characters replaced by the bytes they stand for. */
    private static byte[] encode(String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(line.length() + 16);
        int from = 0;
        for (int at = 0; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c < LATIN1_E_ACUTE || c > CUT_SEQUENCE) {
                continue;
            }
            bytes.writeBytes(line.substring(from, at).getBytes(StandardCharsets.UTF_8));
            switch (c) {
                case LATIN1_E_ACUTE -> bytes.write(0xE9);
                case BYTE_FF -> bytes.write(0xFF);
                default -> bytes.writeBytes(new byte[] {(byte) 0xE2, (byte) 0x82});
            }
            from = at + 1;
        }
        bytes.writeBytes(line.substring(from).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
