package io.backbeat.functions.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.CatalogContract;
import io.backbeat.events.contract.CatalogContract.RecordType;
import io.backbeat.events.contract.ColumnType;
import io.backbeat.events.contract.DateType;
import io.backbeat.events.contract.TextType;
import io.backbeat.functions.quarantine.RejectedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one line of a catalogue file: a Spotify Web API response as the extractor wrote it
 * ({@code {"requested_at", "kind", "request", "status", "body"}}; docs/data-formats.md, "Catalogue"), and turns
 * every artist, album and track in its body into records ({@link CatalogContract}): an artist and one record per
 * genre; an album and one record per credited artist; a track (an album's embedded tracks, or a page of them) and one
 * record per credited artist. Each record is a row.
 *
 * <p>An entity (artist, album, track) is valid or not as a whole: the first problem found in it rejects all its
 * records, each as a row with the entity's line, the JSON path of the field at fault and the reason; the tracks of an
 * album are entities of their own. A line that is not a response (not JSON, a wrong envelope) is one rejected row. A
 * response of an artist's album page names albums fetched by their own response later, and a response other than
 * 200 holds nothing to load: such lines have no rows. {@code null} entries of a several-ids response are ids the API
 * does not know (the extractor reports them) and are not rows either.
 */
final class CatalogLineValidator implements JsonLineValidator {
    /** 20 full albums with their tracks and markets fit many times over; one line must not fill a function's memory. */
    static final int MAX_LINE_BYTES = 16 << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Pattern ALBUM_TRACKS = Pattern.compile("GET /v1/albums/([^/?]+)/tracks(\\?.*)?");
    private static final int COLUMNS = CatalogContract.CONTRACT.columns().size();
    private static final DateType DATE = new DateType();

    @Override
    public int maxLineBytes() {
        return MAX_LINE_BYTES;
    }

    @Override
    public List<String> driftFields() {
        return List.of();
    }

    @Override
    public List<String> ignoredFields() {
        return List.of();
    }

    @Override
    public void check(long line, byte[] bytes, int length, boolean truncated, Rows rows) throws IOException {
        String raw = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (truncated) {
            rows.rejected(new RejectedRow(line, null, ReasonCode.BAD_JSON, "the line is longer than " + MAX_LINE_BYTES
                    + " bytes; write one API response per line", raw.substring(0, Math.min(raw.length(), 4096))));
            return;
        }
        if (!EventLineValidator.isUtf8(bytes, length)) {
            rows.rejected(new RejectedRow(line, null, ReasonCode.BAD_ENCODING,
                    "the line holds bytes that are not UTF-8 (shown as \uFFFD)", raw));
            return;
        }
        JsonNode response;
        try {
            response = JSON.readTree(bytes, 0, length);
        } catch (JsonProcessingException e) {
            rows.rejected(new RejectedRow(line, null, ReasonCode.BAD_JSON,
                    "the line is not valid JSON: " + e.getOriginalMessage(), raw));
            return;
        }
        Problem envelope = envelopeProblem(response);
        if (envelope != null) {
            rows.rejected(new RejectedRow(line, envelope.path(), envelope.reason(), envelope.message(), raw));
            return;
        }
        if (response.get("status").asInt() != 200) {
            return;
        }
        Records records = new Records(line, raw, rows);
        JsonNode body = response.get("body");
        switch (response.get("kind").asText()) {
            case CatalogContract.KIND_ARTISTS -> each(body, "artists", "body.artists", records::artist, records);
            case CatalogContract.KIND_ALBUMS -> each(body, "albums", "body.albums", records::album, records);
            case CatalogContract.KIND_ALBUM_TRACKS -> {
                Matcher request = ALBUM_TRACKS.matcher(response.get("request").asText());
                String albumId = request.matches() ? request.group(1) : "";
                JsonNode items = body.get("items");
                if (items == null || !items.isArray()) {
                    records.lineProblem("body.items", ReasonCode.BAD_VALUE, "body.items must be an array of tracks");
                    return;
                }
                for (int i = 0; i < items.size(); i++) {
                    records.track(items.get(i), "body.items[" + i + "]", albumId);
                }
            }
            default -> {
                // artist_albums: the albums it names are loaded from their own (full) responses.
                JsonNode items = body.get("items");
                if (items == null || !items.isArray()) {
                    records.lineProblem("body.items", ReasonCode.BAD_VALUE, "body.items must be an array of albums");
                }
            }
        }
    }

    private interface Entity {
        void check(JsonNode node, String path) throws IOException;
    }

    private static void each(JsonNode body, String field, String path, Entity entity, Records records) throws IOException {
        JsonNode array = body.get(field);
        if (array == null || !array.isArray()) {
            records.lineProblem(path, ReasonCode.BAD_VALUE, path + " must be an array");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isNull()) {
                entity.check(array.get(i), path + "[" + i + "]");
            }
        }
    }

    private static Problem envelopeProblem(JsonNode response) {
        if (!response.isObject()) {
            return new Problem(null, ReasonCode.BAD_JSON, "the line is not a JSON object; write one API response per line");
        }
        JsonNode kind = response.get("kind");
        if (kind == null || !kind.isTextual() || !CatalogContract.RESPONSE_KINDS.contains(kind.asText())) {
            return new Problem("kind", ReasonCode.BAD_VALUE, "kind must be one of " + String.join(", ", CatalogContract.RESPONSE_KINDS));
        }
        JsonNode request = response.get("request");
        if (request == null || !request.isTextual() || !request.asText().startsWith("GET /v1/")) {
            return new Problem("request", ReasonCode.BAD_VALUE, "request must be the call made, like \"GET /v1/artists?ids=...\"");
        }
        if (kind.asText().equals(CatalogContract.KIND_ALBUM_TRACKS) && !ALBUM_TRACKS.matcher(request.asText()).matches()) {
            return new Problem("request", ReasonCode.BAD_VALUE, "an album_tracks response's request must be GET /v1/albums/{id}/tracks");
        }
        JsonNode status = response.get("status");
        if (status == null || !status.isIntegralNumber()) {
            return new Problem("status", ReasonCode.BAD_INTEGER, "status must be the HTTP status, a JSON integer");
        }
        JsonNode body = response.get("body");
        if (status.asInt() == 200 && (body == null || !body.isObject())) {
            return new Problem("body", ReasonCode.BAD_VALUE, "body must be the response's JSON object");
        }
        return null;
    }

    private record Problem(String path, ReasonCode reason, String message) {}

    /** The records of one line, written or rejected entity by entity. */
    private static final class Records {
        private final long line;
        private final String raw;
        private final Rows rows;
        private final List<String[]> pending = new ArrayList<>();
        private Problem problem;

        Records(long line, String raw, Rows rows) {
            this.line = line;
            this.raw = raw;
            this.rows = rows;
        }

        void lineProblem(String path, ReasonCode reason, String message) throws IOException {
            rows.rejected(new RejectedRow(line, path, reason, message, raw));
        }

        void artist(JsonNode artist, String path) throws IOException {
            String id = id(artist, path);
            String[] row = record(RecordType.ARTIST, id);
            row[1 + column(CatalogContract.NAME)] = text(artist, path, "name", CatalogContract.NAME_TYPE);
            JsonNode followers = artist.path("followers");
            row[1 + column(CatalogContract.FOLLOWERS)] = integer(followers, path + ".followers", "total", 0, Long.MAX_VALUE);
            row[1 + column(CatalogContract.POPULARITY)] = integer(artist, path, "popularity", 0, 100);
            pending.add(row);
            JsonNode genres = artist.get("genres");
            if (genres == null || !genres.isArray()) {
                fail(path + ".genres", ReasonCode.BAD_VALUE, "genres must be an array of texts");
            } else {
                for (int i = 0; i < genres.size(); i++) {
                    String[] genre = record(RecordType.ARTIST_GENRE, id);
                    JsonNode value = genres.get(i);
                    genre[1 + column(CatalogContract.GENRE)] = checkedText(value, path + ".genres[" + i + "]", CatalogContract.GENRE_TYPE);
                    pending.add(genre);
                }
            }
            flush(path);
        }

        void album(JsonNode album, String path) throws IOException {
            String id = id(album, path);
            String[] row = record(RecordType.ALBUM, id);
            row[1 + column(CatalogContract.NAME)] = text(album, path, "name", CatalogContract.NAME_TYPE);
            row[1 + column(CatalogContract.ALBUM_TYPE)] = choice(album, path, "album_type", CatalogContract.ALBUM_TYPE_TYPE);
            String precision = choice(album, path, "release_date_precision", CatalogContract.PRECISION_TYPE);
            row[1 + column(CatalogContract.RELEASE_DATE_PRECISION)] = precision;
            row[1 + column(CatalogContract.RELEASE_DATE)] = releaseDate(album, path, precision);
            row[1 + column(CatalogContract.TOTAL_TRACKS)] = integer(album, path, "total_tracks", 0, Integer.MAX_VALUE);
            pending.add(row);
            credits(album, path, RecordType.ALBUM_ARTIST, id);
            flush(path);
            JsonNode tracks = album.path("tracks").get("items");
            if (tracks != null && tracks.isArray()) {
                for (int i = 0; i < tracks.size(); i++) {
                    track(tracks.get(i), path + ".tracks.items[" + i + "]", id);
                }
            }
        }

        void track(JsonNode track, String path, String albumId) throws IOException {
            String id = id(track, path);
            String[] row = record(RecordType.TRACK, id);
            if (problem == null && CatalogContract.ID_TYPE.check(albumId) != null) {
                fail(path, ReasonCode.BAD_ID, "the track's album id '" + albumId + "' is not 22 characters from 0-9, A-Z and a-z");
            }
            row[1 + column(CatalogContract.ALBUM_ID)] = albumId;
            row[1 + column(CatalogContract.NAME)] = text(track, path, "name", CatalogContract.NAME_TYPE);
            row[1 + column(CatalogContract.TRACK_NUMBER)] = integer(track, path, "track_number", 1, Integer.MAX_VALUE);
            row[1 + column(CatalogContract.DISC_NUMBER)] = integer(track, path, "disc_number", 1, Short.MAX_VALUE);
            row[1 + column(CatalogContract.DURATION_MS)] = integer(track, path, "duration_ms", 0, Integer.MAX_VALUE);
            JsonNode explicit = track.get("explicit");
            if (explicit == null || explicit.isNull()) {
                fail(path + ".explicit", ReasonCode.MISSING_VALUE, "explicit is required");
            } else if (!explicit.isBoolean()) {
                fail(path + ".explicit", ReasonCode.BAD_VALUE, "explicit must be true or false");
            }
            row[1 + column(CatalogContract.EXPLICIT)] = explicit != null && explicit.isBoolean() ? explicit.asText() : "";
            pending.add(row);
            credits(track, path, RecordType.TRACK_ARTIST, id);
            flush(path);
        }

        /** One record per credited artist, in credit order (position 1 first); at least one. */
        private void credits(JsonNode entity, String path, RecordType type, String id) {
            JsonNode artists = entity.get("artists");
            if (artists == null || !artists.isArray() || artists.isEmpty()) {
                fail(path + ".artists", ReasonCode.MISSING_VALUE, "artists must credit at least one artist");
                pending.add(record(type, id));
                return;
            }
            for (int i = 0; i < artists.size(); i++) {
                String[] credit = record(type, id);
                credit[1 + column(CatalogContract.ARTIST_ID)] = id(artists.get(i), path + ".artists[" + i + "]");
                credit[1 + column(CatalogContract.POSITION)] = Integer.toString(i + 1);
                pending.add(credit);
            }
        }

        /** Writes the entity's records, or rejects each with its first problem. */
        private void flush(String path) throws IOException {
            for (String[] row : pending) {
                if (problem == null) {
                    rows.valid(row);
                } else {
                    rows.rejected(new RejectedRow(line, problem.path(), problem.reason(), problem.message()
                            + " (" + row[1 + column(CatalogContract.RECORD_TYPE)] + " record of " + path + ")", raw));
                }
            }
            pending.clear();
            problem = null;
        }

        private void fail(String path, ReasonCode reason, String message) {
            if (problem == null) {
                problem = new Problem(path, reason, message);
            }
        }

        private String[] record(RecordType type, String id) {
            String[] row = new String[COLUMNS + 1];
            Arrays.fill(row, "");
            row[0] = Long.toString(line);
            row[1 + column(CatalogContract.RECORD_TYPE)] = type.id();
            row[1 + column(CatalogContract.ID)] = id;
            return row;
        }

        private String id(JsonNode entity, String path) {
            JsonNode id = entity == null ? null : entity.get("id");
            if (entity == null || !entity.isObject()) {
                fail(path, ReasonCode.BAD_VALUE, path + " must be an object");
                return "";
            }
            if (id == null || id.isNull()) {
                fail(path + ".id", ReasonCode.MISSING_VALUE, "id is required");
                return "";
            }
            if (!id.isTextual() || CatalogContract.ID_TYPE.check(id.asText()) != null) {
                fail(path + ".id", ReasonCode.BAD_ID, "id must be exactly 22 characters from 0-9, A-Z and a-z");
                return id.asText();
            }
            return id.asText();
        }

        private String text(JsonNode entity, String path, String field, TextType type) {
            return checkedText(entity.get(field), path + "." + field, type);
        }

        private String checkedText(JsonNode value, String path, TextType type) {
            if (value == null || value.isNull()) {
                fail(path, ReasonCode.MISSING_VALUE, path + " is required");
                return "";
            }
            if (!value.isTextual()) {
                fail(path, ReasonCode.BAD_VALUE, path + " must be a JSON string");
                return "";
            }
            String text = value.asText();
            if (text.isBlank()) {
                fail(path, ReasonCode.MISSING_VALUE, path + " is required but blank");
            } else if (!EventLineValidator.storable(text)) {
                fail(path, ReasonCode.BAD_ENCODING, path + " holds a NUL character or an unpaired surrogate");
            } else if (TextType.utf8Length(text) > type.maxBytes()) {
                fail(path, ReasonCode.TOO_LONG, path + " is longer than " + type.maxBytes() + " UTF-8 bytes");
            }
            return text;
        }

        private String choice(JsonNode entity, String path, String field, ColumnType type) {
            JsonNode value = entity.get(field);
            if (value == null || value.isNull()) {
                fail(path + "." + field, ReasonCode.MISSING_VALUE, field + " is required");
                return "";
            }
            if (!value.isTextual() || type.check(value.asText()) != null) {
                fail(path + "." + field, ReasonCode.BAD_VALUE, type.explain(field, ReasonCode.BAD_VALUE));
                return "";
            }
            return value.asText();
        }

        private String integer(JsonNode entity, String path, String field, long min, long max) {
            JsonNode value = entity.get(field);
            if (value == null || value.isNull()) {
                fail(path + "." + field, ReasonCode.MISSING_VALUE, field + " is required");
                return "";
            }
            if (!value.isIntegralNumber()) {
                fail(path + "." + field, ReasonCode.BAD_INTEGER, field + " must be a JSON integer");
                return "";
            }
            if (!value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
                fail(path + "." + field, ReasonCode.OUT_OF_RANGE, field + " must be between " + min + " and " + max);
                return "";
            }
            return Long.toString(value.asLong());
        }

        /**
         * The release date as a full date: a year becomes its January 1st, a month its first day; the written form
         * must match the precision.
         */
        private String releaseDate(JsonNode album, String path, String precision) {
            JsonNode value = album.get("release_date");
            String field = path + ".release_date";
            if (value == null || value.isNull()) {
                fail(field, ReasonCode.MISSING_VALUE, "release_date is required");
                return "";
            }
            String text = value.asText();
            String full = switch (precision) {
                case "year" -> text.matches("\\d{4}") ? text + "-01-01" : null;
                case "month" -> text.matches("\\d{4}-\\d{2}") ? text + "-01" : null;
                case "day" -> text.matches("\\d{4}-\\d{2}-\\d{2}") ? text : null;
                default -> "";
            };
            if (full == null || !value.isTextual() || (!full.isEmpty() && DATE.check(full) != null)) {
                fail(field, ReasonCode.BAD_DATE, "release_date '" + text + "' is not a real date written as its precision ("
                        + precision + ") says: YYYY, YYYY-MM or YYYY-MM-DD");
                return "";
            }
            return full;
        }

        private static int column(String name) {
            return CatalogContract.CONTRACT.indexOf(name).orElseThrow();
        }
    }
}
