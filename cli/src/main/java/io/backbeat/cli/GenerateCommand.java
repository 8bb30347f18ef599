package io.backbeat.cli;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.ErrorInjection;
import io.backbeat.generator.GenerationManifest;
import io.backbeat.generator.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code backbeat generate}: a realistic, deterministic dataset, optionally with an app event log and known bad rows. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes users.csv, songs.csv and streams*.csv (or .csv.gz) into --out: Zipf-like track popularity, a daily"
                    + " and hourly listening rhythm, plays in listening sessions (tracks back to back, more than 30"
                    + " minutes between a user's sessions, some exactly 30 minutes apart, some past midnight),"
                    + " multi-artist credits, unicode and quoted text, ~1%% orphan plays."
                    + " The same options and seed give byte-identical files.",
            "With --events, also events*.ndjson (or .ndjson.gz): an eventsim-style app event log of the same users and"
                    + " songs, one JSON object per line (page views, song plays, logins and logouts, guests, upgrades,"
                    + " downgrades, cancellations).",
            "With --inject, a known number of bad rows of each kind is spread through the files; --manifest writes"
                    + " what validation must find (rows valid and rejected per reason code)."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat generate --out data --plays 1000000",
            "  backbeat generate --out data --plays 10000000 --stream-files 4 --gzip",
            "  backbeat generate --out data --events --event-files 4 --gzip",
            "  backbeat generate --out bad --inject streams:bad_timestamp=5 \\",
            "      --inject users:missing_value=3 --duplicates streams=10 --manifest bad.json",
            "  backbeat generate --out bad --events 50000 --inject events:bad_json=3 \\",
            "      --inject events:bad_value=2 --duplicates events=4 --manifest bad.json",
            "  backbeat check --dataset streams data/streams.csv",
            "  backbeat check --dataset events data/events.ndjson"
        })
final class GenerateCommand implements Callable<Integer> {
    private static final long AS_MANY_AS_PLAYS = -1;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write into")
    Path out;

    @Option(names = "--plays", paramLabel = "N", defaultValue = "20000", description = "stream rows (default: ${DEFAULT-VALUE})")
    long plays;

    @Option(names = "--users", paramLabel = "N", description = "users (default: scales with --plays)")
    Integer users;

    @Option(names = "--songs", paramLabel = "N", description = "songs (default: scales with --plays)")
    Integer songs;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "days of listening (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--start", paramLabel = "YYYY-MM-DD", defaultValue = "2024-06-24",
            description = "first listening day (default: ${DEFAULT-VALUE})")
    LocalDate start;

    @Option(names = "--stream-files", paramLabel = "N", defaultValue = "1", description = "split plays over N files")
    int streamFiles;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--gzip", description = "write .csv.gz (and .ndjson.gz) files")
    boolean gzip;

    @Option(names = "--events", arity = "0..1", paramLabel = "N", fallbackValue = "" + AS_MANY_AS_PLAYS,
            description = "also write an app event log of N events (alone: as many events as --plays)")
    Long events;

    @Option(names = "--event-files", paramLabel = "N", defaultValue = "1", description = "split the events over N files")
    int eventFiles;

    @Option(names = "--inject", paramLabel = "DATASET:REASON=COUNT",
            description = "bad rows to inject, e.g. streams:bad_track_id=10 or events:bad_json=3 (repeatable)")
    List<String> injections = new ArrayList<>();

    @Option(names = "--duplicates", paramLabel = "DATASET=COUNT",
            description = "exact repeats of earlier rows to inject, e.g. streams=5 (repeatable)")
    List<String> duplicates = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE", description = "write the expected validation outcome as JSON")
    Path manifest;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions.Builder options = GeneratorOptions.builder()
                .seed(seed).playsWithScaledCatalogues(plays).days(days).startDate(start).streamFiles(streamFiles).gzip(gzip);
        if (users != null) {
            options.users(users);
        }
        if (songs != null) {
            options.songs(songs);
        }
        if (events != null) {
            options.events(events == AS_MANY_AS_PLAYS ? plays : events).eventFiles(eventFiles);
        }
        if (events == null && eventFiles != 1) {
            throw usage("--event-files splits the events; add --events to write them");
        }
        Map<Dataset, ErrorInjection> errors = parseErrors();
        if (events == null && errors.containsKey(Dataset.EVENTS)) {
            throw usage("--inject and --duplicates for events need --events (an events file to put them in)");
        }
        errors.forEach(options::errors);
        long started = System.nanoTime();
        GenerationManifest result;
        try {
            GeneratorOptions built = options.build();
            Files.createDirectories(out);
            result = DatasetGenerator.generate(built, out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (manifest != null) {
            result.writeJson(manifest);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        result.files().forEach(file -> stdout.printf("%-8s %,12d rows  %s%n", file.dataset().id(), file.rows(),
                out.resolve(file.path())));
        stdout.printf("generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private Map<Dataset, ErrorInjection> parseErrors() {
        Map<Dataset, ErrorInjection> errors = new EnumMap<>(Dataset.class);
        for (String injection : injections) {
            String[] datasetAndRest = injection.split(":", 2);
            String[] reasonAndCount = datasetAndRest.length == 2 ? datasetAndRest[1].split("=", 2) : new String[0];
            if (reasonAndCount.length != 2) {
                throw usage("--inject takes DATASET:REASON=COUNT, e.g. streams:bad_timestamp=5; got '" + injection + "'");
            }
            Dataset dataset = dataset(datasetAndRest[0]);
            errors.put(dataset, errors.getOrDefault(dataset, ErrorInjection.none())
                    .withRejected(reason(reasonAndCount[0]), count(reasonAndCount[1], injection)));
        }
        for (String duplicate : duplicates) {
            String[] parts = duplicate.split("=", 2);
            if (parts.length != 2) {
                throw usage("--duplicates takes DATASET=COUNT, e.g. streams=5; got '" + duplicate + "'");
            }
            Dataset dataset = dataset(parts[0]);
            errors.put(dataset, errors.getOrDefault(dataset, ErrorInjection.none()).withDuplicates(count(parts[1], duplicate)));
        }
        return errors;
    }

    private Dataset dataset(String name) {
        try {
            return Dataset.of(name);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ReasonCode reason(String code) {
        for (ReasonCode reason : ReasonCode.values()) {
            if (reason.code().equals(code)) {
                return reason;
            }
        }
        throw usage("unknown reason code '" + code + "'");
    }

    private int count(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw usage("'" + text + "' in '" + option + "' is not a count");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
