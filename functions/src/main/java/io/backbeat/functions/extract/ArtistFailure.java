package io.backbeat.functions.extract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An artist of the list whose catalogue a run could not fetch completely, and why.
 *
 * @param artistId the id as listed
 * @param reason what failed, e.g. {@code unknown to the API (null in GET /v1/artists)} or
 *     {@link #NOT_REACHED}
 */
public record ArtistFailure(String artistId, String reason) {
    /** The reason of the artists a run did not start before its deadline. */
    public static final String NOT_REACHED = "not reached before the deadline";

    public ArtistFailure {
        Objects.requireNonNull(artistId, "artistId must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("artist_id", artistId);
        json.put("reason", reason);
        return json;
    }
}
