package io.backbeat.events;

/** How a dataset's raw objects are laid out; the validate stage reads each its own way. */
public enum InputFormat {
    /** RFC 4180 CSV with a header line naming the columns. */
    CSV,
    /** Newline-delimited JSON, one object per line, as eventsim writes and Amazon Data Firehose delivers. */
    JSON_LINES
}
