package io.backbeat.cli.local;

import io.backbeat.events.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A file the local run uploads, with the dataset its name says it holds.
 *
 * <p>In a folder, {@code users*.csv}, {@code songs*.csv} and {@code streams*.csv}, and the app's
 * {@code events*.ndjson} or {@code events*.json} (JSON lines), each also {@code .gz}, are taken, by name,
 * case-insensitively; anything else is listed as ignored so a misnamed file is
 * noticed rather than silently skipped.
 */
record RunInput(Dataset dataset, Path file) {

    RunInput {
        Objects.requireNonNull(dataset, "dataset must not be null");
        Objects.requireNonNull(file, "file must not be null");
    }

    /** Where a user would upload it: {@code raw/{dataset}/{file name}}. */
    String rawKey() {
        return "raw/" + dataset.id() + "/" + file.getFileName();
    }

    /** The files of a folder, dimensions (users, songs) before plays, each group in name order. */
    record Folder(List<RunInput> inputs, List<Path> ignored) {}

    static Folder inFolder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--data " + directory + " is not a folder; give the folder that holds"
                    + " users*.csv, songs*.csv and streams*.csv (or .csv.gz), and events*.ndjson (or .json, .gz)");
        }
        List<RunInput> inputs = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Dataset dataset = Files.isRegularFile(file) ? datasetOf(file.getFileName().toString()) : null;
                if (dataset == null) {
                    ignored.add(file);
                } else {
                    inputs.add(new RunInput(dataset, file));
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--data " + directory + " holds no users*.csv, songs*.csv, streams*.csv"
                    + " (or .csv.gz) or events*.ndjson file; name the files after their dataset, e.g. streams-2024-06.csv.gz");
        }
        inputs.sort(Comparator.comparing((RunInput input) -> input.dataset() == Dataset.STREAMS)
                .thenComparing(input -> input.dataset().ordinal())
                .thenComparing(input -> input.file().getFileName().toString()));
        return new Folder(List.copyOf(inputs), List.copyOf(ignored));
    }

    /** The dataset a file name says it holds, or null. */
    static Dataset datasetOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (Dataset dataset : Dataset.values()) {
            if (dataset.inputFormat().names(name) && name.startsWith(dataset.id())) {
                return dataset;
            }
        }
        return null;
    }
}
