package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link DatasetGenerator} writes. The same options always give byte-identical files (gzipped ones on
 * the same JDK: another zlib may compress differently, though the CSV inside stays identical).
 *
 * <pre>{@code
 * GeneratorOptions options = GeneratorOptions.builder()
 *         .seed(7)
 *         .plays(1_000_000)
 *         .streamFiles(4)
 *         .errors(Dataset.STREAMS, ErrorInjection.none().withRejected(ReasonCode.BAD_TIMESTAMP, 10))
 *         .events(500_000)
 *         .errors(Dataset.EVENTS, ErrorInjection.none().withRejected(ReasonCode.BAD_JSON, 3).withDuplicates(2))
 *         .build();
 * }</pre>
 *
 * @param seed the seed every value derives from
 * @param users users in users.csv, ids {@code 1..users}; every play is by one of them
 * @param songs songs in songs.csv
 * @param plays good plays over all streams files (injected rows come on top)
 * @param streamFiles how many streams files share the plays
 * @param startDate the first listening day (UTC)
 * @param days how many listening days, from {@code startDate}
 * @param gzip whether files are written gzip-compressed, named {@code .csv.gz}
 * @param orphanRatio the share of plays of tracks that songs.csv does not list
 * @param unusualTimestampRatio the share of plays whose listen time uses a {@code T} separator, fractional
 *     seconds or a trailing {@code Z}: valid forms that transform must normalize
 * @param events good app events over all events files, an eventsim-style log of the same users and days; 0
 *     (the default) writes no events file
 * @param eventFiles how many events files share the events
 * @param errors the rows to inject per dataset; a missing dataset gets none
 * @throws IllegalArgumentException naming the field, for a value out of range or an injection the
 *     dataset's columns cannot produce (for example {@code bad_date} in streams, or any injection into events
 *     when {@code events} is 0)
 */
public record GeneratorOptions(
        long seed,
        int users,
        int songs,
        long plays,
        int streamFiles,
        LocalDate startDate,
        int days,
        boolean gzip,
        double orphanRatio,
        double unusualTimestampRatio,
        long events,
        int eventFiles,
        Map<Dataset, ErrorInjection> errors) {

    public GeneratorOptions {
        Objects.requireNonNull(startDate, "startDate must not be null");
        Objects.requireNonNull(errors, "errors must not be null");
        positive("users", users);
        positive("songs", songs);
        positive("streamFiles", streamFiles);
        positive("days", days);
        positive("eventFiles", eventFiles);
        if (plays < 0) {
            throw new IllegalArgumentException("plays must be zero or more, got " + plays);
        }
        if (events < 0) {
            throw new IllegalArgumentException("events must be zero or more, got " + events);
        }
        ratio("orphanRatio", orphanRatio);
        ratio("unusualTimestampRatio", unusualTimestampRatio);
        EnumMap<Dataset, ErrorInjection> injections = new EnumMap<>(Dataset.class);
        errors.forEach((dataset, injection) -> {
            Objects.requireNonNull(dataset, "errors must not contain a null dataset");
            Objects.requireNonNull(injection, "errors for " + dataset.id() + " must not be null");
            checkInjection(dataset, injection);
            injections.put(dataset, injection);
        });
        errors = Collections.unmodifiableMap(injections);
        if (plays > 0 && streamFiles > plays) {
            throw new IllegalArgumentException(
                    "streamFiles " + streamFiles + " must not exceed plays " + plays + ": every file needs a play");
        }
        if (plays == 0 && injections.getOrDefault(Dataset.STREAMS, ErrorInjection.none()).duplicates() > 0) {
            throw new IllegalArgumentException("streams duplicates need plays to repeat; plays is 0");
        }
        if (events == 0 && injections.containsKey(Dataset.EVENTS)
                && !injections.get(Dataset.EVENTS).equals(ErrorInjection.none())) {
            throw new IllegalArgumentException("errors for events need an events file; events is 0 (set events)");
        }
        if (events > 0 && eventFiles > events) {
            throw new IllegalArgumentException(
                    "eventFiles " + eventFiles + " must not exceed events " + events + ": every file needs an event");
        }
    }

    /** Whether an events file is written: {@code events} is above 0. */
    public boolean writesEvents() {
        return events > 0;
    }

    /** 1,000 users, 2,000 songs, 20,000 plays over 7 days from 2024-06-24 in one plain streams file; no events. */
    public static GeneratorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The rows to inject into {@code dataset}; {@link ErrorInjection#none()} when none were asked for. */
    public ErrorInjection injectionFor(Dataset dataset) {
        return errors.getOrDefault(dataset, ErrorInjection.none());
    }

    private static void positive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void ratio(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be within 0..1, got " + value);
        }
    }

    private static void checkInjection(Dataset dataset, ErrorInjection injection) {
        if (dataset == Dataset.EVENTS) {
            for (ReasonCode reason : injection.rejectedRows().keySet()) {
                if (!EventDefects.supports(reason)) {
                    throw new IllegalArgumentException("errors for events ask for " + reason.code()
                            + ", but no events line can fail with it (events can fail with "
                            + String.join(", ", EventDefects.supported().stream().map(ReasonCode::code).toList()) + ")");
                }
            }
            return;
        }
        Defects defects = new Defects(dataset.contract());
        for (ReasonCode reason : injection.rejectedRows().keySet()) {
            if (!defects.supports(reason)) {
                throw new IllegalArgumentException("errors for " + dataset.id() + " ask for " + reason.code()
                        + ", but no column of " + dataset.id() + " can fail with it (columns: "
                        + String.join(", ", dataset.contract().columnNames()) + ")");
            }
        }
    }

    /** Builds {@link GeneratorOptions}; every field starts at its {@link #defaults()} value. */
    public static final class Builder {
        private long seed = 42;
        private int users = 1_000;
        private int songs = 2_000;
        private long plays = 20_000;
        private int streamFiles = 1;
        private LocalDate startDate = LocalDate.of(2024, 6, 24);
        private int days = 7;
        private boolean gzip;
        private double orphanRatio = 0.01;
        private double unusualTimestampRatio = 0.02;
        private long events;
        private int eventFiles = 1;
        private final Map<Dataset, ErrorInjection> errors = new EnumMap<>(Dataset.class);

        private Builder() {}

        private Builder(GeneratorOptions options) {
            seed = options.seed;
            users = options.users;
            songs = options.songs;
            plays = options.plays;
            streamFiles = options.streamFiles;
            startDate = options.startDate;
            days = options.days;
            gzip = options.gzip;
            orphanRatio = options.orphanRatio;
            unusualTimestampRatio = options.unusualTimestampRatio;
            events = options.events;
            eventFiles = options.eventFiles;
            errors.putAll(options.errors);
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder users(int users) {
            this.users = users;
            return this;
        }

        public Builder songs(int songs) {
            this.songs = songs;
            return this;
        }

        public Builder plays(long plays) {
            this.plays = plays;
            return this;
        }

        /**
         * {@code plays} plays, with users and songs scaled to them as a service of that size would have
         * (a user plays about 50 tracks, a song is played about 20 times; at least 100 users and 200 songs,
         * at most a million of each).
         */
        public Builder playsWithScaledCatalogues(long plays) {
            return plays(plays)
                    .users((int) Math.max(100, Math.min(1_000_000, plays / 50)))
                    .songs((int) Math.max(200, Math.min(1_000_000, plays / 20)));
        }

        public Builder streamFiles(int streamFiles) {
            this.streamFiles = streamFiles;
            return this;
        }

        public Builder startDate(LocalDate startDate) {
            this.startDate = startDate;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder orphanRatio(double orphanRatio) {
            this.orphanRatio = orphanRatio;
            return this;
        }

        public Builder unusualTimestampRatio(double unusualTimestampRatio) {
            this.unusualTimestampRatio = unusualTimestampRatio;
            return this;
        }

        /**
         * Also write an eventsim-style app event log of {@code events} good events (0: none), for the same
         * users and days as the plays, into {@code events.ndjson} (or {@code events-01.ndjson} ... with
         * {@link #eventFiles}; {@code .ndjson.gz} when gzipped).
         */
        public Builder events(long events) {
            this.events = events;
            return this;
        }

        public Builder eventFiles(int eventFiles) {
            this.eventFiles = eventFiles;
            return this;
        }

        /** Replaces the injection for one dataset. */
        public Builder errors(Dataset dataset, ErrorInjection injection) {
            errors.put(Objects.requireNonNull(dataset, "dataset must not be null"), injection);
            return this;
        }

        public GeneratorOptions build() {
            return new GeneratorOptions(seed, users, songs, plays, streamFiles, startDate, days, gzip, orphanRatio,
                    unusualTimestampRatio, events, eventFiles, errors);
        }
    }
}
