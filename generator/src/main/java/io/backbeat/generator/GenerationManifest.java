package io.backbeat.generator;

import io.backbeat.events.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DatasetGenerator} wrote and what Backbeat must make of it: for every file its rows and the
 * expected validation outcome. It serializes to JSON with snake_case names and reason codes as keys:
 *
 * <pre>{@code
 * {"seed":42,"files":[{"path":"streams.csv","dataset":"streams","rows":20005,
 *   "expected":{"valid_rows":20002,"rejected_rows":{"bad_track_id":3},"duplicates":2,"orphan_plays":197}}]}
 * }</pre>
 *
 * @param seed the seed the files were generated from
 * @param files the files in the order they were written: users, songs, streams, then events
 */
public record GenerationManifest(long seed, List<GeneratedFile> files) {

    public GenerationManifest {
        files = List.copyOf(Objects.requireNonNull(files, "files must not be null"));
    }

    /** The files holding {@code dataset}, in order. */
    public List<GeneratedFile> filesOf(Dataset dataset) {
        return files.stream().filter(file -> file.dataset() == dataset).toList();
    }

    /**
     * The file named {@code path}.
     *
     * @throws IllegalArgumentException when the manifest lists no such file
     */
    public GeneratedFile file(String path) {
        return files.stream()
                .filter(file -> file.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("manifest lists no file " + path + "; it lists "
                        + files.stream().map(GeneratedFile::path).toList()));
    }

    public String toJson() {
        return ManifestJson.write(this);
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not a manifest
     */
    public static GenerationManifest fromJson(String json) {
        return ManifestJson.read(json);
    }

    /** Writes the JSON to {@code file}, replacing it. */
    public void writeJson(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
