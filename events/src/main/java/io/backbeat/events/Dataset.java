package io.backbeat.events;

import io.backbeat.events.contract.CatalogContract;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.events.contract.EventsContract;
import io.backbeat.events.contract.SongsContract;
import io.backbeat.events.contract.StreamsContract;
import io.backbeat.events.contract.UsersContract;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The datasets Backbeat ingests; the name is the S3 key segment after the zone. */
public enum Dataset {
    USERS("users"),
    SONGS("songs"),
    STREAMS("streams"),
    /** The app's event log (eventsim's fields), as JSON lines. */
    EVENTS("events"),
    /** The music catalogue: responses of the Spotify Web API as the extractor wrote them, as JSON lines. */
    CATALOG("catalog");

    private final String id;

    Dataset(String id) {
        this.id = id;
    }

    /** The lower-case name used in S3 keys, CLI flags and table names. */
    public String id() {
        return id;
    }

    public DatasetContract contract() {
        return switch (this) {
            case USERS -> UsersContract.CONTRACT;
            case SONGS -> SongsContract.CONTRACT;
            case STREAMS -> StreamsContract.CONTRACT;
            case EVENTS -> EventsContract.CONTRACT;
            case CATALOG -> CatalogContract.CONTRACT;
        };
    }

    /** How the dataset's objects are written: CSV with a header, or one JSON object per line. */
    public InputFormat inputFormat() {
        return this == EVENTS || this == CATALOG ? InputFormat.JSON_LINES : InputFormat.CSV;
    }

    public static Optional<Dataset> find(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code id} is not a dataset
     */
    public static Dataset of(String id) {
        return find(id == null ? "" : id.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(Dataset::id).collect(Collectors.joining(", "))));
    }
}
