package io.backbeat.cli.local;

import io.backbeat.cli.report.DatasetQuality;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The text a local run ends with: data quality, where the time went, KPI headlines and where the outputs are. */
record RunSummary(
        RunPhases phases,
        List<DatasetQuality> quality,
        StageTimes times,
        Optional<KpiHeadlines> headlines,
        List<String> problems,
        Optional<Long> peakResidentMiB,
        long peakHeapMiB,
        Outputs outputs) {

    /** What the run wrote into {@code --out}. */
    record Outputs(Path directory, Path report, int kpiFiles, int quarantineFiles, Optional<Path> input) {}

    private static final int TOP_REASONS = 3;

    void print(PrintWriter out) {
        out.printf("Backbeat local run %s in %s%n", problems.isEmpty() ? "settled" : "ended with problems",
                seconds(phases.total()));
        out.println(phases.ended().entrySet().stream().map(phase -> phase.getKey() + " " + seconds(phase.getValue()))
                .collect(Collectors.joining(", ", "  (", ")")));
        out.println();
        out.printf("%-8s %6s %12s %12s %10s  %s%n", "dataset", "files", "rows in", "valid", "rejected", "top reject reasons");
        for (DatasetQuality dataset : quality) {
            out.printf("%-8s %6d %,12d %,12d %,10d  %s%n", dataset.dataset(), dataset.files(), dataset.rowsIn(),
                    dataset.rowsValid(), dataset.rowsRejected(), reasons(dataset));
            if (dataset.filesRejected() > 0) {
                out.printf("%-8s %6s %d file(s) rejected whole; see the quarantine reports%n", "", "", dataset.filesRejected());
            }
        }
        out.println();
        out.printf("%-12s %5s %10s %10s  %s%n", "stage", "runs", "time", "longest", "longest object");
        for (StageTimes.StageTime stage : times.stages()) {
            out.printf("%-12s %5d %10s %10s  %s%n", stage.stage(), stage.runs(), seconds(stage.total()),
                    seconds(stage.longest()), stage.longestObject());
        }
        times.slowest().ifPresent(stage -> out.printf("slowest stage: %s (%s summed over its runs; runs overlap)%n",
                stage.stage(), seconds(stage.total())));
        out.printf("peak memory: %sJVM heap %,d MiB%n", peakResidentMiB
                .map(mib -> String.format("%,d MiB resident (this JVM, PostgreSQL and Node together), ", mib)).orElse(""),
                peakHeapMiB);
        out.println();
        headlines.ifPresentOrElse(kpis -> printHeadlines(out, kpis), () -> out.println("No KPIs: no plays were loaded."));
        if (!problems.isEmpty()) {
            out.println();
            out.println("Problems:");
            problems.forEach(problem -> out.println("  " + problem));
        }
        out.println();
        out.printf("Outputs in %s%n", outputs.directory());
        out.printf("  %-22s %s%n", outputs.directory().relativize(outputs.report()), "charts; open it in a browser");
        out.printf("  %-22s %d KPI tables as CSV%n", "kpis/", outputs.kpiFiles());
        out.printf("  %-22s %s%n", "quarantine/", outputs.quarantineFiles() == 0
                ? "nothing was rejected"
                : outputs.quarantineFiles() + " files: rejected rows (with line, column, reason) and JSON reports");
        outputs.input().ifPresent(input -> out.printf("  %-22s %s%n", outputs.directory().relativize(input) + "/",
                "the generated input files"));
        out.flush();
    }

    static void printHeadlines(PrintWriter out, KpiHeadlines kpis) {
        out.printf("KPIs: %d day%s, %s to %s%n", kpis.days(), kpis.days() == 1 ? "" : "s", kpis.firstDay(), kpis.lastDay());
        out.printf("  %-12s %,d (orphan plays, of tracks not in songs: %,d)%n", "plays", kpis.plays(), kpis.orphanPlays());
        out.printf("  %-12s %s: %,d plays by %,d listeners%s%n", "latest day", kpis.lastDay(), kpis.lastDayPlays(),
                kpis.lastDayListeners(), kpis.peakHour().map(hour -> ", busiest hour " + hour).orElse(""));
        kpis.topGenre().ifPresent(genre -> out.printf("  %-12s %s (%,d plays on %s)%n", "top genre", genre,
                kpis.topGenrePlays(), kpis.lastDay()));
        kpis.topTrack().ifPresent(track -> out.printf("  %-12s %s (%,d plays on %s)%n", "top track", track,
                kpis.topTrackPlays(), kpis.lastDay()));
    }

    private static String reasons(DatasetQuality dataset) {
        Map<String, Long> reasons = dataset.rejectReasons();
        if (reasons.isEmpty()) {
            return "-";
        }
        String top = reasons.entrySet().stream().limit(TOP_REASONS)
                .map(entry -> String.format("%s %,d", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
        return reasons.size() > TOP_REASONS ? top + ", …" : top;
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
