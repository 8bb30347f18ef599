package io.backbeat.generator;

import io.backbeat.events.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes users, songs and streams CSV files that look like the lab's exports, with an exact, known set of
 * bad rows, and returns a manifest of what Backbeat must find in them. Rows are generated one at a time
 * from the seed and their index, so memory stays constant however many plays are asked for; the same
 * options always give byte-identical files.
 *
 * <pre>{@code
 * GenerationManifest manifest = DatasetGenerator.generate(
 *         GeneratorOptions.builder()
 *                 .plays(10_000_000)
 *                 .users(100_000)
 *                 .errors(Dataset.STREAMS, ErrorInjection.none()
 *                         .withRejected(ReasonCode.BAD_TRACK_ID, 5)
 *                         .withDuplicates(3))
 *                 .build(),
 *         Path.of("target/data"));
 * long valid = manifest.file("streams.csv").expected().validRows();
 * }</pre>
 *
 * <p>Files: {@code users.csv}, {@code songs.csv} and {@code streams.csv}, or {@code streams-01.csv} ...
 * when there are several; {@code .csv.gz} when gzipped. Files of the same names are replaced; nothing
 * else in the directory is touched.
 */
public final class DatasetGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetGenerator.class);

    private DatasetGenerator() {}

    /**
     * @throws IllegalArgumentException when the plays do not fit the users and days (each user plays at
     *     most once a second), before any file is written
     * @throws UncheckedIOException when a file cannot be written
     */
    public static GenerationManifest generate(GeneratorOptions options, Path outputDirectory) {
        long started = System.nanoTime();
        TrackCatalogue tracks = new TrackCatalogue(options.seed(), options.songs());
        List<RowSource> sources =
                List.of(new UserRows(options), new SongRows(options, tracks), new PlayRows(options, tracks));
        createDirectories(outputDirectory);
        List<GeneratedFile> files = new ArrayList<>();
        for (RowSource source : sources) {
            files.addAll(write(source, options, outputDirectory));
        }
        GenerationManifest manifest = new GenerationManifest(options.seed(), files);
        LOG.info("generated {} files with {} rows into {} in {} ms", files.size(),
                files.stream().mapToLong(GeneratedFile::rows).sum(), outputDirectory,
                (System.nanoTime() - started) / 1_000_000);
        return manifest;
    }

    private static List<GeneratedFile> write(RowSource source, GeneratorOptions options, Path directory) {
        Dataset dataset = source.dataset();
        int fileCount = dataset == Dataset.STREAMS ? options.streamFiles() : 1;
        long[] boundaries = new long[fileCount + 1];
        long[] goodRows = new long[fileCount];
        for (int file = 0; file < fileCount; file++) {
            boundaries[file + 1] = source.size() * (file + 1) / fileCount;
            goodRows[file] = boundaries[file + 1] - boundaries[file];
        }
        RowRandom planRandom = new RowRandom(options.seed(), 0x706c616eL + dataset.ordinal()).at(0);
        List<List<Injection>> plan = InjectionPlan.spread(options.injectionFor(dataset), goodRows, planRandom);
        DatasetFileWriter writer = new DatasetFileWriter(source, options.seed());
        List<GeneratedFile> files = new ArrayList<>();
        for (int file = 0; file < fileCount; file++) {
            String name = fileName(dataset, file, fileCount, options.gzip());
            files.add(writer.write(directory, name, options.gzip(), boundaries[file], boundaries[file + 1],
                    plan.get(file)));
        }
        return files;
    }

    static String fileName(Dataset dataset, int file, int fileCount, boolean gzip) {
        String extension = gzip ? ".csv.gz" : ".csv";
        if (fileCount == 1) {
            return dataset.id() + extension;
        }
        int width = Math.max(2, Integer.toString(fileCount).length());
        return dataset.id() + "-" + String.format("%0" + width + "d", file + 1) + extension;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
