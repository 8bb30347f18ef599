package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.InputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes users, songs and streams CSV files that look like the lab's exports, and on request an
 * eventsim-style app event log of the same users as JSON lines, with an exact, known set of bad rows, and
 * returns a manifest of what Backbeat must find in them. Plays come in listening sessions (see
 * {@code PlayRows}). CSV rows are generated one at a time from the seed and their index, so memory stays
 * constant however many plays are asked for; the event log is simulated in time order and holds the
 * sessions still running plus five bytes per user. The same options always give byte-identical files.
 *
 * <pre>{@code
 * GenerationManifest manifest = DatasetGenerator.generate(
 *         GeneratorOptions.builder()
 *                 .plays(10_000_000)
 *                 .users(100_000)
 *                 .errors(Dataset.STREAMS, ErrorInjection.none()
 *                         .withRejected(ReasonCode.BAD_TRACK_ID, 5)
 *                         .withDuplicates(3))
 *                 .events(2_000_000)
 *                 .build(),
 *         Path.of("target/data"));
 * long valid = manifest.file("streams.csv").expected().validRows();
 * }</pre>
 *
 * <p>Files: {@code users.csv}, {@code songs.csv} and {@code streams.csv}, or {@code streams-01.csv} ...
 * when there are several; {@code .csv.gz} when gzipped. With events, {@code events.ndjson} (or
 * {@code events-01.ndjson} ..., {@code .ndjson.gz} when gzipped). Files of the same names are replaced;
 * nothing else in the directory is touched.
 */
public final class DatasetGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetGenerator.class);

    private DatasetGenerator() {}

    /**
     * @throws IllegalArgumentException when the plays do not fit the users and days (the busiest hour's
     *     listening sessions need more than 300 per user), before any file is written
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
        if (options.writesEvents()) {
            files.addAll(writeEvents(options, tracks, outputDirectory));
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
        long[] boundaries = boundaries(source.size(), fileCount);
        List<List<Injection>> plan = plan(options, dataset, boundaries);
        DatasetFileWriter writer = new DatasetFileWriter(source, options.seed());
        List<GeneratedFile> files = new ArrayList<>();
        for (int file = 0; file < fileCount; file++) {
            String name = fileName(dataset, file, fileCount, options.gzip());
            files.add(writer.write(directory, name, options.gzip(), boundaries[file], boundaries[file + 1],
                    plan.get(file)));
        }
        return files;
    }

    /** The events files, written one after the other from one simulation of the log. */
    private static List<GeneratedFile> writeEvents(GeneratorOptions options, TrackCatalogue tracks, Path directory) {
        int fileCount = options.eventFiles();
        long[] boundaries = boundaries(options.events(), fileCount);
        List<List<Injection>> plan = plan(options, Dataset.EVENTS, boundaries);
        EventFileWriter writer = new EventFileWriter(
                new AppEventLog(options, tracks), new SpareEvents(options, tracks), options.seed());
        List<GeneratedFile> files = new ArrayList<>();
        for (int file = 0; file < fileCount; file++) {
            String name = fileName(Dataset.EVENTS, file, fileCount, options.gzip());
            files.add(writer.write(directory, name, options.gzip(), boundaries[file], boundaries[file + 1],
                    plan.get(file)));
        }
        return files;
    }

    /** {@code fileCount + 1} row indexes: file {@code f} holds good rows {@code [b[f], b[f + 1])}. */
    private static long[] boundaries(long rows, int fileCount) {
        long[] boundaries = new long[fileCount + 1];
        for (int file = 0; file < fileCount; file++) {
            boundaries[file + 1] = rows * (file + 1) / fileCount;
        }
        return boundaries;
    }

    private static List<List<Injection>> plan(GeneratorOptions options, Dataset dataset, long[] boundaries) {
        long[] goodRows = new long[boundaries.length - 1];
        for (int file = 0; file < goodRows.length; file++) {
            goodRows[file] = boundaries[file + 1] - boundaries[file];
        }
        RowRandom planRandom = new RowRandom(options.seed(), 0x706c616eL + dataset.ordinal()).at(0);
        return InjectionPlan.spread(options.injectionFor(dataset), goodRows, planRandom);
    }

    static String fileName(Dataset dataset, int file, int fileCount, boolean gzip) {
        String format = dataset.inputFormat() == InputFormat.JSON_LINES ? ".ndjson" : ".csv";
        String extension = gzip ? format + ".gz" : format;
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
