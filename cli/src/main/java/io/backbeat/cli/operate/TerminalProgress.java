package io.backbeat.cli.operate;

import java.io.PrintWriter;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/** An upload's progress, redrawn in place on a terminal: percent, bytes and rate. */
final class TerminalProgress implements TransferListener {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter terminal;
    private final String name;
    private final long started = System.nanoTime();
    private long lastDrawn;

    TerminalProgress(PrintWriter terminal, String name) {
        this.terminal = terminal;
        this.name = name;
    }

    @Override
    public void bytesTransferred(Context.BytesTransferred context) {
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        var snapshot = context.progressSnapshot();
        long sent = snapshot.transferredBytes();
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        String percent = snapshot.ratioTransferred().isPresent()
                ? String.format("%5.1f%%", snapshot.ratioTransferred().getAsDouble() * 100) : "";
        synchronized (terminal) {
            terminal.printf("\r%s %s %,d bytes, %.1f MB/s   ", name, percent, sent, sent / seconds / 1e6);
            terminal.flush();
        }
    }

    @Override
    public void transferComplete(Context.TransferComplete context) {
        clear();
    }

    @Override
    public void transferFailed(Context.TransferFailed context) {
        clear();
    }

    private void clear() {
        synchronized (terminal) {
            terminal.print("\r" + " ".repeat(name.length() + 50) + "\r");
            terminal.flush();
        }
    }
}
