package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the app log's events files: the log's next events as JSON lines, the lines injected into each file,
 * and now and then a blank line (empty, or spaces and a tab), which is not a row. It tallies what validation
 * must find while writing, so the manifest is exact without reading the file back. Duplicates repeat an
 * earlier good line of the same file byte for byte; the lines they copy are kept from when they went out.
 */
final class EventFileWriter {
    /** About one blank line in 2,000: Firehose writes one for a record that already ended in a newline. */
    private static final double BLANK_SHARE = 1 / 2000.0;
    private static final String[] BLANKS = {"", " \t "};

    private final AppEventLog log;
    private final SpareEvents spares;
    private final RowRandom originals;
    private final RowRandom blanks;

    EventFileWriter(AppEventLog log, SpareEvents spares, long seed) {
        this.log = log;
        this.spares = spares;
        this.originals = new RowRandom(seed, 0x6475706c65767473L);
        this.blanks = new RowRandom(seed, 0x626c616e6bL);
    }

    /** Writes the log's next {@code end - first} events, good rows {@code [first, end)}, with {@code injections}. */
    GeneratedFile write(Path directory, String name, boolean gzip, long first, long end, List<Injection> injections) {
        Map<Long, Long> originalOf = injections.stream()
                .filter(injection -> injection.reason() == ReasonCode.DUPLICATE_KEY)
                .collect(Collectors.toMap(Injection::spare,
                        injection -> first + originals.at(injection.spare()).nextLong(injection.afterGoodRows())));
        Set<Long> wanted = Set.copyOf(originalOf.values());
        Map<Long, byte[]> kept = new HashMap<>();
        Map<ReasonCode, Long> rejected = new EnumMap<>(ReasonCode.class);
        long duplicates = 0;
        int next = 0;
        try (NdjsonOutput out = NdjsonOutput.create(directory.resolve(name), gzip)) {
            for (long index = first; index <= end; index++) {
                // Injections due once index - first good lines are out, then the next good line.
                while (next < injections.size() && injections.get(next).afterGoodRows() <= index - first) {
                    Injection injection = injections.get(next++);
                    if (injection.reason() == ReasonCode.DUPLICATE_KEY) {
                        out.line(kept.get(originalOf.get(injection.spare())));
                        duplicates++;
                    } else {
                        out.line(EventDefects.spoil(
                                injection.reason(), spares.line(injection.spare()), injection.ordinal()));
                        rejected.merge(injection.reason(), 1L, Long::sum);
                    }
                }
                if (index == end) {
                    break;
                }
                RowRandom r = blanks.at(index);
                if (r.chance(BLANK_SHARE)) {
                    out.line(r.pick(BLANKS));
                }
                EventJson.write(log.next(), out.startObject());
                out.endObject();
                if (wanted.contains(index)) {
                    kept.put(index, out.lastObject());
                }
            }
        }
        long good = end - first;
        return new GeneratedFile(name, Dataset.EVENTS, good + injections.size(),
                new ExpectedOutcome(good + duplicates, rejected, duplicates, 0));
    }
}
