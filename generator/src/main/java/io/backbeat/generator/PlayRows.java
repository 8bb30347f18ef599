package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.ListenTime;

/**
 * Plays in listening sessions, in an order shuffled across the whole date range. Play {@code i} is sent to
 * an hour of the {@link ListeningCalendar}; within the hour, {@link SessionBlocks} groups plays into sessions
 * of 1 to {@value SessionBlocks#LONGEST} tracks and {@link ListeningLanes} gives each session a user and the
 * seconds it may use. A session's tracks play back to back: each starts when the previous one ends (its
 * {@code duration_ms} rounded to whole seconds; {@value #ORPHAN_SPACING_S} seconds after a track songs.csv
 * does not list). Only where that would overrun the session's window is a track cut short, as a listener
 * skips it (well under 1% of plays at the defaults).
 *
 * <p>The file order shuffles runs of {@value #RUN} plays in time order, so a session's plays mostly sit
 * together, as an export by session would have them, and a session is drawn once rather than once per play.
 *
 * <p>No two good plays share a natural key, by construction rather than by luck: a user's sessions use
 * disjoint seconds and a session's plays are at least a second apart. Only injected duplicates repeat a key,
 * so the manifest's duplicate count is exact.
 */
final class PlayRows implements RowSource {
    /** Spacing after an orphan play, whose duration nobody knows: a typical track's 3 minutes. */
    static final int ORPHAN_SPACING_S = 180;
    /** The least a track cut short still plays, when the window leaves room for it. */
    private static final int SHORTEST_SKIP_S = 30;
    /** Plays kept in time order in the file, next to each other. */
    private static final int RUN = SessionBlocks.BLOCK;

    private final GeneratorOptions options;
    private final TrackCatalogue tracks;
    private final ListeningCalendar calendar;
    private final SessionBlocks blocks;
    private final ListeningLanes lanes;
    private final long runs;
    private final IndexPermutation runOrder;
    private final RowRandom random;
    private final RowRandom sessionRandom;
    private final RowRandom spareRandom;
    private long lastSessionKey = -1;
    private Session last;

    /** A session's plays: its user and, per play, the epoch second, the track and whether it is an orphan. */
    private record Session(long user, long[] epochSeconds, long[] tracks, boolean[] orphans) {}

    /**
     * @throws IllegalArgumentException when the busiest hour has more sessions than the users can hold
     */
    PlayRows(GeneratorOptions options, TrackCatalogue tracks) {
        this.options = options;
        this.tracks = tracks;
        this.calendar = new ListeningCalendar(options.startDate(), options.days(), options.plays());
        this.blocks = new SessionBlocks(options.seed());
        this.lanes = new ListeningLanes(options, calendar);
        this.runs = options.plays() / RUN;
        this.runOrder = runs == 0 ? null : new IndexPermutation(runs, options.seed());
        this.random = new RowRandom(options.seed(), 0x706c617973L);
        this.sessionRandom = new RowRandom(options.seed(), 0x73657373696f6eL);
        this.spareRandom = new RowRandom(options.seed(), 0x7370617265L);
    }

    @Override
    public Dataset dataset() {
        return Dataset.STREAMS;
    }

    @Override
    public long size() {
        return options.plays();
    }

    @Override
    public String[] row(long index) {
        long position = position(index);
        int hour = calendar.hourOf(position);
        SessionBlocks.Place place = blocks.place(hour, calendar.playsIn(hour), position - calendar.firstPlayOf(hour));
        Session session = session(hour, place);
        String listenTime = ListenTime.format(session.epochSeconds()[place.position()]);
        RowRandom r = random.at(index);
        if (r.chance(options.unusualTimestampRatio())) {
            listenTime = unusual(listenTime, r);
        }
        return new String[] {
            Long.toString(session.user()), tracks.trackId(session.tracks()[place.position()]), listenTime
        };
    }

    @Override
    public boolean orphan(long index) {
        long position = position(index);
        int hour = calendar.hourOf(position);
        SessionBlocks.Place place = blocks.place(hour, calendar.playsIn(hour), position - calendar.firstPlayOf(hour));
        return session(hour, place).orphans()[place.position()];
    }

    /** The play's place in time order: runs of plays shuffled, the last incomplete run left at the end. */
    private long position(long index) {
        long run = index / RUN;
        return run < runs ? runOrder.apply(run) * RUN + index % RUN : index;
    }

    /** The session of a play; the last one drawn is kept, as the next rows are mostly its other plays. */
    private Session session(int hour, SessionBlocks.Place place) {
        long key = SessionBlocks.key(hour, place.slot());
        if (key != lastSessionKey) {
            last = drawSession(hour, place);
            lastSessionKey = key;
        }
        return last;
    }

    private Session drawSession(int hour, SessionBlocks.Place place) {
        long user = lanes.user(hour, place.slot());
        ListeningLanes.Window window = lanes.window(hour, place.slot(), user);
        RowRandom r = sessionRandom.at(SessionBlocks.key(hour, place.slot()));
        int length = place.length();
        int gaps = length - 1;
        int budget = window.budget();
        int shortest = gaps == 0 ? 0 : Math.min(SHORTEST_SKIP_S, budget / gaps);
        long[] offsets = new long[length];
        long[] drawn = new long[length];
        boolean[] orphans = new boolean[length];
        int span = 0;
        for (int k = 0; k < length; k++) {
            orphans[k] = r.chance(options.orphanRatio());
            drawn[k] = orphans[k] ? tracks.orphanTrack(r.nextDouble()) : tracks.playedSong(r.nextDouble());
            offsets[k] = span;
            if (k < gaps) {
                int natural = orphans[k] ? ORPHAN_SPACING_S : Math.max(1, (tracks.durationMs(drawn[k]) + 500) / 1000);
                // Leave each later gap at least `shortest` seconds, so the session always fits its window.
                span += Math.min(natural, budget - span - (gaps - 1 - k) * shortest);
            }
        }
        long start = calendar.startOf(hour) + window.start(span, r);
        for (int k = 0; k < length; k++) {
            offsets[k] += start;
        }
        return new Session(user, offsets, drawn, orphans);
    }

    @Override
    public String[] spareRow(long ordinal) {
        RowRandom r = spareRandom.at(ordinal);
        long user = 1 + r.nextInt(options.users());
        long epochSecond = calendar.startOf(r.nextInt(calendar.hours())) + r.nextInt(ListeningLanes.SECONDS_PER_HOUR);
        return new String[] {
            Long.toString(user), tracks.trackId(tracks.playedSong(r.nextDouble())), ListenTime.format(epochSecond)
        };
    }

    /** The same instant in a form validation accepts but transform must normalize. */
    private static String unusual(String canonical, RowRandom r) {
        String withT = canonical.substring(0, 10) + 'T' + canonical.substring(11);
        return switch (r.nextInt(4)) {
            case 0 -> withT;
            case 1 -> canonical + fraction(r);
            case 2 -> canonical + 'Z';
            default -> withT + fraction(r) + 'Z';
        };
    }

    private static String fraction(RowRandom r) {
        int digits = 1 + r.nextInt(6);
        StringBuilder fraction = new StringBuilder(digits + 1).append('.');
        for (int i = 0; i < digits; i++) {
            fraction.append((char) ('0' + r.nextInt(10)));
        }
        return fraction.toString();
    }
}
