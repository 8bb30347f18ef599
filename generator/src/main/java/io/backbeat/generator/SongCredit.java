package io.backbeat.generator;

/**
 * A song as an app play names it: the {@code artists} and {@code track_name} of songs.csv, written exactly
 * as there, so an app play can be matched to its song.
 */
record SongCredit(String artist, String title, int durationMs) {

    /** eventsim's {@code length}: seconds, with the milliseconds as decimals. */
    double lengthSeconds() {
        return durationMs / 1000.0;
    }
}
