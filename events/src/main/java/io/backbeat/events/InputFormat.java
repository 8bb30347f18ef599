package io.backbeat.events;

import java.util.List;

/**
 * How a dataset's raw objects are laid out; the validate stage reads each its own way, and the bucket starts the
 * pipeline only for uploads whose name ends in one of the format's {@link #uploadSuffixes()} (the content, not the
 * name, decides the compression).
 */
public enum InputFormat {
    /** RFC 4180 CSV with a header line naming the columns. */
    CSV(List.of(".csv", ".csv.gz")),
    /**
     * Newline-delimited JSON, one object per line, as eventsim writes and Amazon Data Firehose delivers it (the stack's
     * delivery stream names its objects {@code .ndjson.gz}).
     */
    JSON_LINES(List.of(".ndjson", ".ndjson.gz", ".json", ".json.gz"));

    private final List<String> uploadSuffixes;

    InputFormat(List<String> uploadSuffixes) {
        this.uploadSuffixes = uploadSuffixes;
    }

    /** Name endings (lower case) of uploads that start the pipeline. */
    public List<String> uploadSuffixes() {
        return uploadSuffixes;
    }

    /** Whether a file name ends in one of {@link #uploadSuffixes()}, ignoring case. */
    public boolean names(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return uploadSuffixes.stream().anyMatch(lower::endsWith);
    }
}
