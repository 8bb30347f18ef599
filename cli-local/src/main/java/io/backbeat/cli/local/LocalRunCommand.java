package io.backbeat.cli.local;

import io.backbeat.cli.report.KpiTable;
import io.backbeat.cli.report.ReportPage;
import io.backbeat.cli.report.RunReport;
import io.backbeat.events.Dataset;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.ReasonCode;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.generator.DatasetGenerator;
import io.backbeat.generator.ErrorInjection;
import io.backbeat.generator.GeneratorOptions;
import io.backbeat.localcloud.stepfunctions.ExecutionStatus;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat local run}: the stack as CDK synthesizes it, on the local cloud, fed the way a user
 * feeds the deployed one (files uploaded to {@code raw/}), until the pipeline settles; then the
 * summary, the KPI tables as CSV, the quarantine and {@code report.html}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the local cloud (embedded S3, DynamoDB Local, PostgreSQL behind the Redshift Data API endpoint, the"
                    + " synthesized kpi-refresh state machine), uploads the dataset's files to raw/ as a user would upload"
                    + " them to S3, lets the notifications drive validate -> transform -> load -> KPI refresh, and waits"
                    + " for the pipeline to settle.",
            "Then prints rows in/valid/rejected per dataset, where the time went and the KPI headlines, and writes into"
                    + " --out: kpis/*.csv (every KPI table), quarantine/ (rejected rows and reports) and report.html.",
            "--data takes a folder of users*.csv, songs*.csv and streams*.csv (each also .csv.gz) and the app's"
                    + " events*.ndjson or events*.json (JSON lines, also .gz); --generate N generates N plays over 7 days"
                    + " and an app event log for the same users (with a few known bad rows, so the quarantine has"
                    + " something to show); with neither, a default sample of " + LocalRunCommand.DEFAULT_PLAYS
                    + " plays is generated.",
            "Progress is drawn on the terminal (stderr) and left out when stderr is not a terminal.",
            "Exit codes: 0 the pipeline settled and every stage succeeded (rejected rows are reported, not failures);"
                    + " 3 a stage or refresh failed, or the pipeline did not settle in time; 64 bad options."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat local run",
            "  backbeat local run --data ../shared/data/lab-sample --out out/lab",
            "  backbeat local run --generate 1000000 --out out/million",
            "  backbeat local run --keep               # then, in another terminal: backbeat status --local",
            "  open out/local-run/report.html"
        })
final class LocalRunCommand implements Callable<Integer> {
    static final long DEFAULT_PLAYS = 100_000;
    static final int PIPELINE_FAILED = 3;
    private static final String TEMPLATE = "Backbeat-dev.template.json";
    static final String MANIFEST = "manifest.json";
    static final String LOCAL_STACK_FILE = "local-stack.json";
    private static final Path DEFAULT_OUT = Path.of("out", "local-run");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR",
                description = "folder of users*.csv, songs*.csv, streams*.csv[.gz] and events*.ndjson[.gz]")
        Path data;

        @Option(names = "--generate", paramLabel = "N", description = "generate a dataset of N plays first")
        Long generate;
    }

    @Option(names = "--events", paramLabel = "N", description = "app events generated with the plays (default: half the"
            + " plays; 0 for none)")
    Long events;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/local-run",
            description = "where the KPI CSVs, the quarantine and report.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of generated data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "how long to wait for the pipeline to settle (default: ${DEFAULT-VALUE})")
    long timeoutMinutes;

    @Option(names = "--keep", description = "keep the local stack running after the summary, for 'backbeat status --local',"
            + " 'upload --local', 'replay --local' and 'kpis --local', until Ctrl-C")
    boolean keep;

    @Option(names = "--template", paramLabel = "FILE",
            description = "the synthesized stack template (default: infra-cdk/target/cdk.out/" + TEMPLATE
                    + " of this checkout, which ./backbeat local run synthesizes when the sources changed)")
    Path template;

    @Override
    public Integer call() throws Exception {
        if (timeoutMinutes < 1) {
            throw usage("--timeout must be at least 1 minute, got " + timeoutMinutes);
        }
        if (events != null && (events < 0 || source != null && source.data != null)) {
            throw usage(events < 0 ? "--events takes 0 or more, got " + events
                    : "--events sets how many events are generated; it does not go with --data");
        }
        long started = System.nanoTime();
        try (MemoryPeak memory = MemoryPeak.start()) {
            return run(started, memory);
        }
    }

    private int run(long started, MemoryPeak memory) throws Exception {
        RunPhases phases = new RunPhases(started);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter terminal = io.backbeat.cli.Terminal.isTerminal() ? err : null;
        Path templateFile = templateFile();
        SynthesizedTemplate stack = SynthesizedTemplate.read(templateFile);
        Files.createDirectories(out);
        Optional<Path> generated = Optional.empty();
        List<RunInput> inputs;
        if (source != null && source.data != null) {
            RunInput.Folder folder = inFolder(source.data);
            folder.ignored().forEach(file -> err.println("backbeat: ignoring " + file
                    + " (not users*, songs* or streams* .csv or .csv.gz)"));
            inputs = folder.inputs();
        } else {
            long plays = source != null && source.generate != null ? source.generate : DEFAULT_PLAYS;
            if (plays < 1) {
                throw usage("--generate takes a number of plays of at least 1, got " + plays);
            }
            Path input = out.resolve("input");
            note(terminal, "generating %,d plays into %s", plays, input);
            generate(plays, input);
            generated = Optional.of(input);
            inputs = RunInput.inFolder(input).inputs();
        }
        Path work = out.resolve(".work");
        List<String> problems = new ArrayList<>();
        phases.end(generated.isPresent() ? "generate input" : "read input");
        note(terminal, "starting the local cloud and the synthesized stack (%s)", templateFile.getFileName());
        RunProgress[] progress = new RunProgress[1];
        try (LocalDeployment local = LocalDeployment.start(stack, work, state -> {
                    if (progress[0] != null) {
                        progress[0].taskStarted(state);
                    }
                })) {
            phases.end("start local cloud");
            DynamoDbLedger ledger = new DynamoDbLedger(local.dynamoDb(), local.ledgerTable());
            progress[0] = new RunProgress(terminal, ledger, inputs.size(), local::refreshesRunning);
            progress[0].start();
            try {
                for (RunInput input : inputs) {
                    local.upload(input.rawKey(), input.file());
                }
                if (!local.settle(Duration.ofMinutes(timeoutMinutes))) {
                    problems.add("the pipeline did not settle within " + timeoutMinutes + " minutes; raise --timeout, or run"
                            + " again with --keep and see with 'backbeat status --local' which stage is stuck");
                }
            } finally {
                progress[0].close();
            }
            phases.end("upload and pipeline");
            List<LedgerItem> ledgerItems = ledger.all();
            problems.addAll(failures(local, ledgerItems));
            Map<String, Duration> refreshDurations = new HashMap<>();
            local.executions().stream().filter(execution -> execution.result() != null)
                    .forEach(execution -> refreshDurations.put(execution.name(), execution.result().duration()));
            List<KpiTable> kpis = KpiExport.read(local.warehouse());
            FileUtils.deleteDirectory(out.resolve("quarantine").toFile());
            QuarantineExport.Copied quarantine = QuarantineExport.copy(local.s3(), local.bucket(), out.resolve("quarantine"));
            quarantine.skippedKeys().forEach(key -> problems.add("quarantine object " + key
                    + " was not copied: its key would land outside " + out.resolve("quarantine")));
            FileUtils.deleteDirectory(out.resolve("kpis").toFile());
            List<Path> kpiFiles = KpiExport.writeCsv(kpis, out.resolve("kpis"));
            var quality = RunQuality.of(ledgerItems);
            Path report = out.resolve("report.html");
            Files.writeString(report, ReportPage.render(new RunReport(reportTitle(inputs, generated), Instant.now(), quality, kpis)));
            phases.end("outputs");
            new RunSummary(phases, quality, StageTimes.of(ledgerItems, refreshDurations),
                    KpiHeadlines.of(kpis), problems, memory.residentMiB(), MemoryPeak.heapMiB(),
                    new RunSummary.Outputs(out, report, kpiFiles.size(), quarantine.files().size(), generated))
                    .print(spec.commandLine().getOut());
            if (keep) {
                keepServing(local, err);
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return problems.isEmpty() ? 0 : PIPELINE_FAILED;
    }

    /**
     * Leaves the stack running for the operator commands ({@code --local}) until the process is
     * interrupted (Ctrl-C) or this thread is: describes it in {@code <out>/local-stack.json}, which is
     * removed again on the way out, and stops the stack on Ctrl-C too.
     */
    private void keepServing(LocalDeployment local, PrintWriter err) throws IOException {
        Path file = out.resolve(LOCAL_STACK_FILE);
        local.describe(ProcessHandle.current().pid()).write(file);
        Thread onExit = new Thread(() -> {
            deleteQuietly(file);
            local.close();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(onExit);
        String flag = out.equals(DEFAULT_OUT) ? "--local" : "--local " + file;
        err.printf("%nThe local stack keeps running; in another terminal try:%n"
                + "  backbeat status %1$s%n  backbeat kpis %1$s --date <day>%n  backbeat upload %1$s --dataset streams FILE%n"
                + "  backbeat replay %1$s --failed%nStop it with Ctrl-C.%n", flag);
        err.flush();
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // Stopped from within the JVM (a test, an embedding program): that is the request to stop, handled by
            // returning; the flag is not set again, because the file and network clean-up that follows would
            // fail on an interrupted thread.
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file names a process that has ended, which --local detects and reports
        }
    }

    /** Stage runs that failed, refreshes that did not succeed, and events that ran out of retries. */
    private static List<String> failures(LocalDeployment local, List<LedgerItem> ledger) {
        List<String> problems = new ArrayList<>();
        for (LedgerItem item : ledger) {
            if (item.status() == LedgerStatus.FAILED || item.status() == LedgerStatus.IN_PROGRESS) {
                problems.add(item.stage() + " of " + (item.key() != null ? item.key() : item.objectId()) + " "
                        + item.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (item.error() != null ? ": " + item.error() : ""));
            }
        }
        for (LocalKpiRefresh.Execution execution : local.executions()) {
            if (execution.refusal() != null) {
                problems.add("kpi-refresh " + execution.name() + " could not run: " + execution.refusal());
            } else if (execution.result().status() != ExecutionStatus.SUCCEEDED) {
                problems.add("kpi-refresh " + execution.name() + " " + execution.result().status() + ": "
                        + execution.result().error() + " " + execution.result().cause());
            }
        }
        local.deadLetters().forEach(dead -> problems.add("the event for " + dead.key() + " went to the dead-letter queue after "
                + "the retries of " + dead.functionLogicalId() + ": " + dead.error()));
        return problems;
    }

    private RunInput.Folder inFolder(Path data) {
        try {
            return RunInput.inFolder(data);
        } catch (IllegalArgumentException | IOException e) {
            throw usage(e.getMessage());
        }
    }

    private void generate(long plays, Path directory) throws IOException {
        FileUtils.deleteDirectory(directory.toFile());
        Files.createDirectories(directory);
        long defects = Math.max(1, plays / 20_000);
        long appEvents = events != null ? events : Math.max(100, plays / 2);
        GeneratorOptions.Builder builder = GeneratorOptions.builder()
                .seed(seed).playsWithScaledCatalogues(plays).days(7).startDate(LocalDate.of(2024, 6, 24))
                .streamFiles((int) Math.max(1, Math.min(8, plays / 250_000)))
                .errors(Dataset.STREAMS, ErrorInjection.none()
                        .withRejected(ReasonCode.BAD_TIMESTAMP, (int) defects)
                        .withRejected(ReasonCode.BAD_TRACK_ID, (int) Math.max(1, defects / 2))
                        .withDuplicates((int) defects))
                .errors(Dataset.USERS, ErrorInjection.none().withRejected(ReasonCode.MISSING_VALUE, 2))
                .errors(Dataset.SONGS, ErrorInjection.none().withRejected(ReasonCode.OUT_OF_RANGE, 2))
                .events(appEvents);
        if (appEvents > 0) {
            builder.errors(Dataset.EVENTS, ErrorInjection.none()
                    .withRejected(ReasonCode.BAD_JSON, 2)
                    .withRejected(ReasonCode.MISSING_VALUE, (int) defects)
                    .withDuplicates((int) defects));
        }
        GeneratorOptions options = builder.build();
        // What validation must find in these files, for anyone checking the run (and the tests) against it.
        DatasetGenerator.generate(options, directory).writeJson(directory.resolve(MANIFEST));
    }

    private Path templateFile() {
        Path file = template != null ? template : checkoutRoot().resolve("infra-cdk/target/cdk.out").resolve(TEMPLATE);
        if (!Files.isRegularFile(file)) {
            throw usage("no synthesized stack template at " + file + "; run './backbeat cdk-app' to synthesize it"
                    + " ('./backbeat local run' does that for you), or give one with --template");
        }
        return file;
    }

    /** The checkout this CLI was built in: the jar lives in {@code cli/target/}. */
    private static Path checkoutRoot() {
        try {
            Path code = Path.of(LocalRunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String reportTitle(List<RunInput> inputs, Optional<Path> generated) {
        return generated.isPresent()
                ? "Backbeat local run: generated sample"
                : "Backbeat local run: " + inputs.get(0).file().getParent().getFileName();
    }

    private static void note(PrintWriter terminal, String format, Object... args) {
        if (terminal != null) {
            terminal.printf("backbeat: " + format + "%n", args);
            terminal.flush();
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
