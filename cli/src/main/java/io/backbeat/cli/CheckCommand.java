package io.backbeat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.Dataset;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat check}: validate and transform local files, no cloud needed. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the validate and transform stages on local files exactly as the Lambda functions do, and prints"
                    + " one JSON line per file: rows_in, rows_valid (rows staged), rows_rejected, rejects per"
                    + " reason code and the output paths.",
            "Outputs are laid out like the bucket under --out: validated/, staged/ and quarantine/."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row of every file is valid",
            "1:some rows were rejected (see quarantine/ under --out)",
            "2:a file was rejected as a whole (empty, binary, damaged, missing columns)",
            "64:the command line is wrong"
        },
        footer = {
            "",
            "Examples:",
            "  backbeat check --sample",
            "  backbeat check --dataset streams streams1.csv streams2.csv.gz",
            "  backbeat check --dataset songs --out /tmp/songs-check tracks.csv",
            "  backbeat check --dataset events app-events.ndjson.gz"
        })
final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "users, songs, streams, events or catalog (required with FILE)", converter = DatasetConverter.class)
    Dataset dataset;

    @Option(names = "--sample", description = "generate a small sample of every dataset, with a few bad rows of"
            + " each kind, under --out and check it")
    boolean sample;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/check",
            description = "where outputs go, laid out like the bucket (default: ${DEFAULT-VALUE})")
    Path out;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "CSV files (events and catalog: JSON lines), plain or gzip-compressed")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (sample == !files.isEmpty() || (!sample && dataset == null)) {
            throw new ParameterException(spec.commandLine(), "give --dataset and FILE..., or --sample");
        }
        List<Map.Entry<Dataset, Path>> inputs = sample ? CheckSample.generate(out.resolve("sample"), stderr)
                : files.stream().map(file -> Map.entry(dataset, file)).toList();
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                stderr.println("error: " + file + " is not a readable file");
                return Backbeat.USAGE_ERROR;
            }
        }
        LocalFileCheck check = new LocalFileCheck(out);
        int exitCode = 0;
        for (Map.Entry<Dataset, Path> input : inputs) {
            LocalFileCheck.Outcome outcome = check.run(input.getKey(), input.getValue());
            stdout.println(JSON.writeValueAsString(outcome.toJson()));
            stdout.flush();
            exitCode = Math.max(exitCode, outcome.exitCode());
        }
        return exitCode;
    }
}
