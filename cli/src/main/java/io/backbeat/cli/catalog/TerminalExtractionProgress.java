package io.backbeat.cli.catalog;

import io.backbeat.functions.extract.ExtractionProgress;
import java.io.PrintWriter;
import java.time.Duration;

/** An extraction's progress, redrawn in place on the terminal: artists done, and a rate-limit wait while it lasts. */
final class TerminalExtractionProgress implements ExtractionProgress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 72;

    private final PrintWriter terminal;
    private long lastDrawn;
    private String artists = "";

    TerminalExtractionProgress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    @Override
    public void artistFinished(int finished, int total) {
        artists = "catalog: " + finished + "/" + total + " artists";
        long now = System.nanoTime();
        if (finished == total || now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw(artists);
        }
    }

    @Override
    public void rateLimited(Duration wait) {
        draw(artists + (artists.isEmpty() ? "" : ", ") + "rate limited: waiting " + Math.max(1, wait.toSeconds()) + " s");
    }

    void clear() {
        draw("");
    }

    private void draw(String text) {
        String shown = text.length() > WIDTH ? text.substring(0, WIDTH) : text;
        synchronized (terminal) {
            terminal.print("\r" + shown + " ".repeat(WIDTH - shown.length()) + "\r" + shown);
            terminal.flush();
        }
    }
}
