package io.backbeat.cli;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.ErrorInjection;
import io.backbeat.generator.GenerationManifest;
import io.backbeat.generator.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The sample {@code backbeat check --sample} checks: small, realistic, with a few bad rows of each kind. */
final class CheckSample {

    private CheckSample() {}

    static List<Map.Entry<Dataset, Path>> generate(Path directory, PrintWriter log) {
        GeneratorOptions options = GeneratorOptions.builder()
                .plays(50_000)
                .users(2_000)
                .songs(3_000)
                .errors(Dataset.STREAMS, ErrorInjection.none()
                        .withRejected(ReasonCode.BAD_TIMESTAMP, 3)
                        .withRejected(ReasonCode.BAD_TRACK_ID, 2)
                        .withRejected(ReasonCode.WRONG_FIELD_COUNT, 1)
                        .withDuplicates(4))
                .errors(Dataset.USERS, ErrorInjection.none().withRejected(ReasonCode.OUT_OF_RANGE, 2))
                .errors(Dataset.SONGS, ErrorInjection.none().withRejected(ReasonCode.BAD_ENCODING, 1))
                .events(20_000)
                .errors(Dataset.EVENTS, ErrorInjection.none()
                        .withRejected(ReasonCode.BAD_JSON, 2)
                        .withRejected(ReasonCode.BAD_VALUE, 2)
                        .withDuplicates(2))
                .build();
        GenerationManifest manifest = DatasetGenerator.generate(options, directory);
        log.println("generated a sample in " + directory + " (50,000 plays and 20,000 app events with a few bad rows of each kind)");
        log.flush();
        return manifest.files().stream()
                .map(file -> Map.entry(file.dataset(), directory.resolve(file.path())))
                .toList();
    }
}
