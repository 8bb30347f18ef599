package io.backbeat.generator;

import io.backbeat.events.Dataset;

/**
 * The good rows of one dataset, each a pure function of its index (and the options), in contract column
 * order. Pure functions let the writer regenerate an earlier row to duplicate it, without keeping rows.
 */
sealed interface RowSource permits UserRows, SongRows, PlayRows {

    Dataset dataset();

    /** How many good rows the dataset has. */
    long size();

    /** The good row at {@code index}, in {@code [0, size())}. */
    String[] row(long index);

    /**
     * A valid row outside the good rows, for an injected row to spoil. Users and songs get keys no good row
     * has; a spare play may repeat one, which does not matter because validation rejects it.
     */
    String[] spareRow(long ordinal);

    /** Whether the good row at {@code index} plays a track that songs.csv does not list. */
    default boolean orphan(long index) {
        return false;
    }
}
