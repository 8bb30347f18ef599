package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The music catalogue: each line of a catalogue file is one Spotify Web API response as the extractor wrote it
 * (docs/data-formats.md, "Catalogue"), and validate turns every artist, album and track in it into <b>records</b>,
 * one row each, in one layout for all six kinds ({@link #RECORD_TYPE} says which; a column a kind does not use is
 * empty). One staged object per file then loads all six warehouse tables in one transaction. The natural key is
 * (record type, id, artist id, genre): an artist, an album or a track by its id; a genre of an artist; an artist
 * credited on an album or a track.
 */
public final class CatalogContract {
    public static final String RECORD_TYPE = "record_type";
    public static final String ID = "id";
    public static final String ARTIST_ID = "artist_id";
    public static final String ALBUM_ID = "album_id";
    public static final String GENRE = "genre";
    public static final String POSITION = "position";
    public static final String NAME = "name";
    public static final String FOLLOWERS = "followers";
    public static final String POPULARITY = "popularity";
    public static final String ALBUM_TYPE = "album_type";
    public static final String RELEASE_DATE = "release_date";
    public static final String RELEASE_DATE_PRECISION = "release_date_precision";
    public static final String TOTAL_TRACKS = "total_tracks";
    public static final String TRACK_NUMBER = "track_number";
    public static final String DISC_NUMBER = "disc_number";
    public static final String DURATION_MS = "duration_ms";
    public static final String EXPLICIT = "explicit";

    /** The six kinds of record, each loaded into its own table. */
    public enum RecordType {
        ARTIST("artist", "dim_artists"),
        ARTIST_GENRE("artist_genre", "dim_artist_genres"),
        ALBUM("album", "dim_albums"),
        ALBUM_ARTIST("album_artist", "dim_album_artists"),
        TRACK("track", "dim_tracks"),
        TRACK_ARTIST("track_artist", "dim_track_artists");

        private final String id;
        private final String table;

        RecordType(String id, String table) {
            this.id = id;
            this.table = table;
        }

        /** The value of {@link #RECORD_TYPE}. */
        public String id() {
            return id;
        }

        /** The warehouse table the records load into. */
        public String table() {
            return table;
        }
    }

    /** The {@code kind} of a response line: which call it answers (the extractor writes it, validate reads it). */
    public static final String KIND_ARTISTS = "artists";
    public static final String KIND_ARTIST_ALBUMS = "artist_albums";
    public static final String KIND_ALBUMS = "albums";
    public static final String KIND_ALBUM_TRACKS = "album_tracks";
    public static final List<String> RESPONSE_KINDS = List.of(KIND_ARTISTS, KIND_ARTIST_ALBUMS, KIND_ALBUMS, KIND_ALBUM_TRACKS);

    /** Spotify ids: 22 base-62 characters, rejected as {@code bad_id}. */
    public static final TrackIdType ID_TYPE = new TrackIdType(ReasonCode.BAD_ID);
    public static final TextType NAME_TYPE = new TextType(1024);
    public static final TextType GENRE_TYPE = new TextType(256);
    public static final ChoiceType ALBUM_TYPE_TYPE = ChoiceType.of("album", "single", "compilation");
    public static final ChoiceType PRECISION_TYPE = ChoiceType.of("year", "month", "day");

    public static final DatasetContract CONTRACT = new DatasetContract(
            "catalog",
            List.of(
                    Column.required(RECORD_TYPE,
                            new ChoiceType(Arrays.stream(RecordType.values()).map(RecordType::id).toList())),
                    Column.required(ID, ID_TYPE),
                    Column.optional(ARTIST_ID, ID_TYPE),
                    Column.optional(ALBUM_ID, ID_TYPE),
                    Column.optional(GENRE, GENRE_TYPE),
                    Column.optional(POSITION, new IntegerType(1, Short.MAX_VALUE)),
                    Column.optional(NAME, NAME_TYPE),
                    Column.optional(FOLLOWERS, new IntegerType(0, Long.MAX_VALUE)),
                    Column.optional(POPULARITY, new IntegerType(0, 100)),
                    Column.optional(ALBUM_TYPE, ALBUM_TYPE_TYPE),
                    Column.optional(RELEASE_DATE, new DateType()),
                    Column.optional(RELEASE_DATE_PRECISION, PRECISION_TYPE),
                    Column.optional(TOTAL_TRACKS, new IntegerType(0, Integer.MAX_VALUE)),
                    Column.optional(TRACK_NUMBER, new IntegerType(1, Integer.MAX_VALUE)),
                    Column.optional(DISC_NUMBER, new IntegerType(1, Short.MAX_VALUE)),
                    Column.optional(DURATION_MS, new IntegerType(0, Integer.MAX_VALUE)),
                    Column.optional(EXPLICIT, new BooleanType())),
            List.of(RECORD_TYPE, ID, ARTIST_ID, GENRE),
            Set.of(),
            List.of());

    private CatalogContract() {}
}
