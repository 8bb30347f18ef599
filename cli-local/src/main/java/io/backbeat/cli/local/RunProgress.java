package io.backbeat.cli.local;

import io.backbeat.events.Stage;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.ledger.LedgerItem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * One status line, redrawn in place on a terminal while the pipeline runs: objects through each
 * stage (from the ledger, as {@code backbeat status} would see them), rows read, and the Task state
 * the kpi-refresh state machine last entered. Prints nothing when the output is not a terminal.
 */
final class RunProgress implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 500;

    private final PrintWriter terminal;
    private final DynamoDbLedger ledger;
    private final int files;
    private final IntSupplier refreshesRunning;
    private final long started = System.nanoTime();
    private final AtomicReference<String> refreshState = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int lastWidth;

    /** @param terminal where to draw, or null to stay quiet */
    RunProgress(PrintWriter terminal, DynamoDbLedger ledger, int files, IntSupplier refreshesRunning) {
        this.terminal = terminal;
        this.ledger = ledger;
        this.files = files;
        this.refreshesRunning = refreshesRunning;
        this.thread = new Thread(this::loop, "local-run-progress");
        this.thread.setDaemon(true);
    }

    void start() {
        if (terminal != null) {
            thread.start();
        }
    }

    /** Called by the state machine runner as an execution enters a Task state. */
    void taskStarted(String state) {
        refreshState.set(state);
    }

    private void loop() {
        while (running) {
            try {
                draw(line(ledger.all()));
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the ledger may be briefly unreadable while the local cloud starts or stops; try again
                sleepQuietly();
            }
        }
    }

    String line(List<LedgerItem> items) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        StringBuilder line = new StringBuilder(String.format("[%02d:%02d]", seconds / 60, seconds % 60));
        long rows = 0;
        for (Stage stage : List.of(Stage.VALIDATE, Stage.TRANSFORM, Stage.LOAD)) {
            long ended = items.stream().filter(item -> item.stage().equals(stage.id()) && item.ended()).count();
            line.append(' ').append(stage.id()).append(' ').append(ended).append('/').append(files);
            if (stage == Stage.VALIDATE) {
                rows = items.stream().filter(item -> item.stage().equals(stage.id())).mapToLong(LedgerItem::rowsIn).sum();
            }
        }
        line.append(String.format(" | %,d rows read", rows));
        long refreshed = items.stream().filter(item -> item.stage().equals(Stage.KPI_REFRESH.id())).count();
        if (refreshesRunning.getAsInt() > 0 && refreshState.get() != null) {
            line.append(" | kpi-refresh: ").append(refreshState.get());
        } else if (refreshed > 0) {
            line.append(" | kpi-refresh ").append(refreshed).append(" done");
        }
        return line.toString();
    }

    private synchronized void draw(String line) {
        int width = line.length();
        terminal.print('\r' + line + " ".repeat(Math.max(0, lastWidth - width)));
        terminal.flush();
        lastWidth = width;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops drawing and clears the line. */
    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (terminal != null && lastWidth > 0) {
            terminal.print('\r' + " ".repeat(lastWidth) + '\r');
            terminal.flush();
        }
    }
}
