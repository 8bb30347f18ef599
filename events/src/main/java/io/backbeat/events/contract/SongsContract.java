package io.backbeat.events.contract;

import java.util.List;
import java.util.Set;

/**
 * The songs catalogue. Files exported from the public Spotify tracks dataset carry audio-feature
 * columns we do not use; those are dropped without a drift warning.
 */
public final class SongsContract {
    public static final String TRACK_ID = "track_id";
    public static final String ARTISTS = "artists";
    public static final String ALBUM_NAME = "album_name";
    public static final String TRACK_NAME = "track_name";
    public static final String POPULARITY = "popularity";
    public static final String DURATION_MS = "duration_ms";
    public static final String TRACK_GENRE = "track_genre";

    /** The genre is staged lower-cased; its length is checked as staged. */
    public static final TextType GENRE_TYPE = TextType.lowerCased(64);

    /** Separates credited artists in {@link #ARTISTS}. */
    public static final char ARTIST_SEPARATOR = ';';

    public static final DatasetContract CONTRACT = new DatasetContract(
            "songs",
            List.of(
                    Column.required(TRACK_ID, new TrackIdType()),
                    Column.required(ARTISTS, new CreditListType(1024, ARTIST_SEPARATOR)),
                    Column.required(ALBUM_NAME, new TextType(512)),
                    Column.required(TRACK_NAME, new TextType(512)),
                    Column.required(POPULARITY, new IntegerType(0, 100)),
                    Column.required(DURATION_MS, new IntegerType(1, Integer.MAX_VALUE)),
                    Column.required(TRACK_GENRE, GENRE_TYPE)),
            List.of(TRACK_ID),
            Set.of(
                    "", "unnamed: 0", "id", "explicit", "danceability", "energy", "key", "loudness", "mode",
                    "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo",
                    "time_signature"),
            List.of());

    private SongsContract() {}
}
