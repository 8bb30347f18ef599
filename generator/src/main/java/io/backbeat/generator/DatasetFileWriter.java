package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one file (header, a range of good rows, the rows injected into it) and tallies what validation
 * must find in it while writing, so the manifest is exact without reading the file back.
 */
final class DatasetFileWriter {
    private final RowSource source;
    private final Defects defects;
    private final RowRandom originals;

    DatasetFileWriter(RowSource source, long seed) {
        this.source = source;
        this.defects = new Defects(source.dataset().contract());
        this.originals = new RowRandom(seed, 0x6475706cL + source.dataset().ordinal());
    }

    /** Writes good rows {@code [first, end)} of the source with {@code injections} placed among them. */
    GeneratedFile write(Path directory, String name, boolean gzip, long first, long end, List<Injection> injections) {
        Tally tally = new Tally();
        try (CsvOutput out = CsvOutput.create(directory.resolve(name), gzip)) {
            out.row(source.dataset().contract().columnNames());
            int next = writeDue(out, injections, 0, 0, first, tally);
            for (long index = first; index < end; index++) {
                out.row(source.row(index));
                if (source.orphan(index)) {
                    tally.orphans++;
                }
                next = writeDue(out, injections, next, index + 1 - first, first, tally);
            }
        }
        long good = end - first;
        return new GeneratedFile(name, source.dataset(), good + injections.size(),
                new ExpectedOutcome(good + tally.duplicates, tally.rejected, tally.duplicates, tally.orphans));
    }

    /** Writes the injections due once {@code goodRowsWritten} good rows are out; returns the next one. */
    private int writeDue(CsvOutput out, List<Injection> injections, int next, long goodRowsWritten, long first,
            Tally tally) {
        while (next < injections.size() && injections.get(next).afterGoodRows() <= goodRowsWritten) {
            Injection injection = injections.get(next++);
            if (injection.reason() == ReasonCode.DUPLICATE_KEY) {
                long original = first + originals.at(injection.spare()).nextLong(injection.afterGoodRows());
                out.row(source.row(original));
                tally.duplicates++;
            } else {
                InjectedRow row = defects.spoil(
                        injection.reason(), source.spareRow(injection.spare()), injection.ordinal());
                out.row(row.fields(), row.latin1Field());
                tally.rejected.merge(injection.reason(), 1L, Long::sum);
            }
        }
        return next;
    }

    private static final class Tally {
        final Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        long duplicates;
        long orphans;
    }
}
