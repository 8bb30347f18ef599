package io.backbeat.cli.operate;

import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code backbeat status}: the ledger of a stack, object by object, with failures spelled out. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what the pipeline did with the most recent uploads, from the stack's ledger: each object's status at"
                    + " validate, transform and load, rows in/valid/rejected, then the KPI refreshes, then every"
                    + " failure with its error.",
            "Exit code 0 when nothing failed, 1 when a stage failed or rejected a whole file, 64 for bad options."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat status                      # the deployed stack Backbeat-dev, AWS credentials from the usual chain",
            "  backbeat status --stack Backbeat-prod --region eu-west-1 --limit 50",
            "  backbeat status --local --failed     # the stack of 'backbeat local run --keep', troubled objects only"
        })
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackTarget target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "objects to show, most recent first (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--failed", description = "only objects with a failed stage or a file rejected whole")
    boolean failedOnly;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<LedgerItem> ledger;
        String label;
        try (ConnectedStack stack = target.connect()) {
            label = stack.label();
            ledger = new DynamoDbLedger(stack.dynamoDb(), stack.ledgerTable()).all();
            out.printf("%s: ledger table %s, bucket %s%n%n", label, stack.ledgerTable(), stack.bucket());
        }
        List<ObjectHistory> objects = ObjectHistory.of(ledger).stream().filter(o -> !failedOnly || o.troubled()).toList();
        if (objects.isEmpty()) {
            out.println(failedOnly ? "No object has a failed stage." : "The ledger has no objects yet: upload files with 'backbeat upload'.");
        } else {
            out.printf("%-44s %-10s %-10s %-10s %12s %12s %9s  %s%n", "object (raw key)", "validate", "transform", "load",
                    "rows in", "valid", "rejected", "started");
            for (ObjectHistory object : objects.stream().limit(limit).toList()) {
                LedgerItem validate = object.stages().get(Stage.VALIDATE);
                LedgerItem transform = object.stages().get(Stage.TRANSFORM);
                long rowsIn = validate == null ? 0 : validate.rowsIn();
                long valid = transform != null ? transform.rowsValid() : validate == null ? 0 : validate.rowsValid();
                long rejected = (validate == null ? 0 : validate.rowsRejected()) + (transform == null ? 0 : transform.rowsRejected());
                out.printf("%-44s %-10s %-10s %-10s %,12d %,12d %,9d  %s%n", shorten(object.rawKey(), 44),
                        status(object, Stage.VALIDATE), status(object, Stage.TRANSFORM), status(object, Stage.LOAD),
                        rowsIn, valid, rejected, object.started() == null ? "-" : object.started());
            }
            if (objects.size() > limit) {
                out.printf("… and %d older object%s (--limit)%n", objects.size() - limit, objects.size() - limit == 1 ? "" : "s");
            }
        }
        List<LedgerItem> refreshes = ledger.stream().filter(item -> item.stage().equals(Stage.KPI_REFRESH.id())).toList();
        long refreshesFailed = refreshes.stream().filter(item -> item.status() == LedgerStatus.FAILED).count();
        out.printf("%nKPI refreshes: %d recorded, %d succeeded, %d coalesced into another, %d failed%n", refreshes.size(),
                refreshes.stream().filter(item -> item.status() == LedgerStatus.SUCCEEDED).count(),
                refreshes.stream().filter(item -> item.status() == LedgerStatus.COALESCED).count(), refreshesFailed);
        List<String> failures = failures(ledger);
        if (!failures.isEmpty()) {
            out.printf("%nFailures (re-run them with 'backbeat replay --failed' once the cause is fixed):%n");
            failures.forEach(failure -> out.println("  " + failure));
        }
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private static List<String> failures(List<LedgerItem> ledger) {
        return ledger.stream()
                .filter(item -> item.status() == LedgerStatus.FAILED || item.status() == LedgerStatus.REJECTED)
                .map(item -> item.stage() + " " + item.status().name().toLowerCase(Locale.ROOT) + ": "
                        + (item.key() != null ? item.key() : "refresh " + item.refreshId()) + ": "
                        + (item.fileRejection() != null ? item.fileRejection() : item.error() != null ? item.error() : "no error recorded"))
                .toList();
    }

    private static String status(ObjectHistory object, Stage stage) {
        LedgerItem item = object.stages().get(stage);
        return item == null ? "-" : item.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The end of a long key, which says more than its start. */
    private static String shorten(String key, int width) {
        return key.length() <= width ? key : "…" + key.substring(key.length() - width + 1);
    }
}
