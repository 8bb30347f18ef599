package io.backbeat.cli.operate;

import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.Zone;
import io.backbeat.events.ZoneKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code backbeat replay}: runs objects through their stage again. The object is copied onto itself
 * (same bytes, a {@code backbeat-replayed-at} metadata entry), which S3 reports as a new ObjectCreated
 * event, so the replay takes exactly the path of an upload: the bucket's notification, the stage's
 * function, its ledger entry.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs objects through their stage again, once the cause of their failure is fixed:",
            "  --failed        every object whose latest run of a stage failed or rejected the whole file (the ledger),",
            "  --dead-letters  every object of an event in the dead-letter queue (events that failed all retries);"
                    + " each message is deleted once its objects are replayed,",
            "  --key KEY       the objects named (raw/, validated/ or staged/ keys).",
            "Each object is copied onto itself in the bucket, which starts its stage as an upload would. In a deployed"
                    + " stack (a versioned bucket) the copy is a new version, which runs again even where the stage"
                    + " finished the old one (a file rejected whole, re-run after a fix was deployed). The local stack's"
                    + " bucket has no versioning: there a stage that finished the same bytes leaves them alone, so"
                    + " re-upload a fixed file with 'backbeat upload --local' instead.",
            "Exit code 0 when every object was replayed, 1 when one could not be, 64 for bad options."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat replay --failed --dry-run",
            "  backbeat replay --dead-letters --stack Backbeat-prod --region eu-west-1",
            "  backbeat replay --key staged/streams/2024-06-25.csv.zst --local"
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackTarget target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--failed", description = "objects whose latest run failed or rejected the whole file")
        boolean failed;

        @Option(names = "--dead-letters", description = "objects of the events in the dead-letter queue")
        boolean deadLetters;

        @Option(names = "--key", paramLabel = "KEY", description = "an object key (repeatable)")
        List<String> keys;
    }

    @Option(names = "--dry-run", description = "list what would be replayed, change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exitCode = 0;
        try (ConnectedStack stack = target.connect()) {
            ObjectReplay replay = new ObjectReplay(stack.s3(), stack.bucket());
            if (what.deadLetters) {
                if (stack.deadLetterQueueUrl() == null || stack.sqs() == null) {
                    throw new ParameterException(spec.commandLine(), stack.label() + " has no dead-letter queue to read");
                }
                DeadLetterQueue queue = new DeadLetterQueue(stack.sqs(), stack.deadLetterQueueUrl());
                DeadLetterQueue.Drained drained = queue.drain(stack.bucket(), keys -> replayAll(replay, keys, out, err), dryRun);
                out.printf("%d dead letter%s read, %d replayed and deleted%s%n", drained.read(), drained.read() == 1 ? "" : "s",
                        drained.deleted(), dryRun ? " (dry run: none)" : "");
                drained.unreadable().forEach(problem -> err.println("kept in the queue: " + problem));
                exitCode = drained.deleted() == drained.read() || dryRun ? 0 : 1;
            } else {
                List<String> keys = what.failed ? failedInputs(stack) : what.keys;
                if (keys.isEmpty()) {
                    out.println("Nothing to replay: no object's latest run failed or rejected the whole file.");
                    return 0;
                }
                exitCode = replayAll(replay, keys, out, err) ? 0 : 1;
            }
        }
        out.flush();
        return exitCode;
    }

    /** Replays every key; true when all were replayed (or listed, in a dry run). */
    private boolean replayAll(ObjectReplay replay, List<String> keys, PrintWriter out, PrintWriter err) {
        boolean all = true;
        for (String key : keys) {
            if (dryRun) {
                out.println("would replay " + key);
                continue;
            }
            try {
                replay.replay(key);
                out.println("replayed " + key);
            } catch (NoSuchKeyException e) {
                err.println("cannot replay " + key + ": the object is not in the bucket (deleted, or a key of another stack)"
                        + expiredHint(key));
                all = false;
            } catch (SdkException | IllegalArgumentException e) {
                err.println("cannot replay " + key + ": " + e.getMessage());
                all = false;
            }
        }
        out.flush();
        return all;
    }

    /**
     * For a key of {@code validated/} or {@code staged/}, which expire (30 days by default, {@code LandingBucketProps}):
     * the raw object to replay instead, which never expires.
     */
    private static String expiredHint(String key) {
        ZoneKey zoneKey;
        try {
            zoneKey = ZoneKey.parse(key);
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (zoneKey.zone() != Zone.VALIDATED && zoneKey.zone() != Zone.STAGED) {
            return "";
        }
        return "; " + zoneKey.zone().prefix() + "/ objects expire (after 30 days, as the stack is deployed): replay the"
                + " raw object instead, --key " + zoneKey.raw().key();
    }

    /** The input object of every stage whose latest run for an object failed or rejected it whole. */
    private static List<String> failedInputs(ConnectedStack stack) {
        List<LedgerItem> ledger = new DynamoDbLedger(stack.dynamoDb(), stack.ledgerTable()).all();
        Set<String> keys = new LinkedHashSet<>();
        for (ObjectHistory object : ObjectHistory.of(ledger)) {
            for (Stage stage : ObjectHistory.OBJECT_STAGES) {
                LedgerItem item = object.stages().get(stage);
                if (item != null && (item.status() == LedgerStatus.FAILED || item.status() == LedgerStatus.REJECTED)) {
                    keys.add(item.key());
                }
            }
        }
        return new ArrayList<>(keys);
    }
}
