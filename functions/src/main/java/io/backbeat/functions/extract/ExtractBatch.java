package io.backbeat.functions.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation's share of the artist list, as a Step Functions Distributed Map hands it over with an item batcher
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html):
 *
 * <pre>{@code
 * {"Items": [{"artist_id": "4Z8W4fKeB5YxbusRsdQVPb"}, ...], "BatchInput": {"runId": "2026-12-03T04-00-00Z"}}
 * }</pre>
 *
 * The items come from the artist list read as a headerless CSV with the one column {@code artist_id}, so blank
 * lines, {@code #} comments and repeated ids are dropped here as on the command line.
 *
 * @param runId the run's id, shared by every batch of the run (the folder of its files)
 * @param artistIds the batch's distinct artist ids, in list order
 */
record ExtractBatch(String runId, List<String> artistIds) {
    static final String ITEMS = "Items";
    static final String BATCH_INPUT = "BatchInput";
    static final String RUN_ID = "runId";
    static final String ARTIST_ID = "artist_id";

    ExtractBatch {
        CatalogKeys.requireRunId(runId);
        artistIds = List.copyOf(artistIds);
    }

    /** @throws IllegalArgumentException naming the field that is missing or of the wrong type */
    static ExtractBatch from(Map<String, Object> event) {
        Objects.requireNonNull(event, "event must not be null");
        if (!(event.get(BATCH_INPUT) instanceof Map<?, ?> batchInput) || !(batchInput.get(RUN_ID) instanceof String runId)) {
            throw new IllegalArgumentException("the event has no " + BATCH_INPUT + "." + RUN_ID + ": give the Distributed Map"
                    + " an ItemBatcher with BatchInput {\"" + RUN_ID + "\": ...}");
        }
        if (!(event.get(ITEMS) instanceof List<?> items)) {
            throw new IllegalArgumentException("the event has no " + ITEMS + " list: run extract from a Distributed Map"
                    + " with an ItemBatcher");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof Map<?, ?> columns)) {
                throw new IllegalArgumentException(ITEMS + "[" + i + "] is not an object with " + ARTIST_ID);
            }
            Object id = columns.get(ARTIST_ID);
            if (id != null && !(id instanceof String)) {
                throw new IllegalArgumentException(ITEMS + "[" + i + "]." + ARTIST_ID + " is not a string");
            }
            lines.add((String) id);
        }
        return new ExtractBatch(runId, ArtistIds.fromLines(lines));
    }
}
