package io.backbeat.cli.report;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link ReportPage} shows about one {@code backbeat local run}: plain values, no behaviour.
 *
 * <pre>{@code
 * RunReport report = new RunReport("Local run", Instant.now(),
 *         List.of(new DatasetQuality("streams", 3, 0, 1_000, 990, 10, Map.of("bad_timestamp", 10L))),
 *         List.of(KpiTable.of(KpiSql.HOURLY, hourlyRows)));
 * }</pre>
 *
 * @param title       the page heading
 * @param generatedAt when the run finished
 * @param quality     one entry per dataset, in display order
 * @param kpis        at most one table per KPI table name; a missing table is shown as empty
 * @throws IllegalArgumentException when the title is blank or a KPI table appears twice
 * @throws NullPointerException     when an argument or an element is null
 */
public record RunReport(String title, Instant generatedAt, List<DatasetQuality> quality, List<KpiTable> kpis) {
    public RunReport {
        Objects.requireNonNull(title, "title must not be null");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        Objects.requireNonNull(generatedAt, "generatedAt must not be null");
        quality = List.copyOf(Objects.requireNonNull(quality, "quality must not be null"));
        kpis = List.copyOf(Objects.requireNonNull(kpis, "kpis must not be null"));
        Set<String> names = new HashSet<>();
        for (KpiTable table : kpis) {
            if (!names.add(table.name())) {
                throw new IllegalArgumentException("kpis must hold each table at most once, but " + table.name()
                        + " appears twice; merge its rows into one KpiTable");
            }
        }
    }
}
