package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.ListenTime;

/**
 * Plays, in an order shuffled across the whole date range. No two good plays share a natural key, by
 * construction rather than by luck: play {@code i} is sent to an hour of the {@link ListeningCalendar},
 * and within that hour a seeded permutation gives each play its own (user, second) slot. Only injected
 * duplicates repeat a key, so the manifest's duplicate count is exact.
 */
final class PlayRows implements RowSource {
    private static final int SECONDS_PER_HOUR = 3600;

    private final GeneratorOptions options;
    private final TrackCatalogue tracks;
    private final ListeningCalendar calendar;
    private final IndexPermutation playOrder;
    private final IndexPermutation slotOrder;
    private final RowRandom random;
    private final RowRandom spareRandom;

    PlayRows(GeneratorOptions options, TrackCatalogue tracks) {
        this.options = options;
        this.tracks = tracks;
        this.calendar = new ListeningCalendar(options.startDate(), options.days(), options.plays());
        long slotsPerHour = (long) SECONDS_PER_HOUR * options.users();
        if (calendar.busiestHourPlays() > slotsPerHour) {
            throw new IllegalArgumentException("plays " + options.plays() + " do not fit " + options.users()
                    + " users over " + options.days() + " days: the busiest hour would need "
                    + calendar.busiestHourPlays() + " plays but each user plays at most once a second ("
                    + slotsPerHour + "); raise users or days");
        }
        this.playOrder = options.plays() == 0 ? null : new IndexPermutation(options.plays(), options.seed());
        this.slotOrder = new IndexPermutation(slotsPerHour, RowRandom.mix(options.seed() ^ 0x736c6f74L));
        this.random = new RowRandom(options.seed(), 0x706c617973L);
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
        long position = playOrder.apply(index);
        int hour = calendar.hourOf(position);
        long slot = slotOrder.apply(position - calendar.firstPlayOf(hour), hour);
        long user = slot / SECONDS_PER_HOUR + 1;
        long epochSecond = calendar.startOf(hour) + slot % SECONDS_PER_HOUR;

        RowRandom r = random.at(index);
        // The orphan draw comes first so that orphan(index) can repeat it alone.
        long track = r.chance(options.orphanRatio())
                ? tracks.orphanTrack(r.nextDouble())
                : tracks.playedSong(r.nextDouble());
        String listenTime = ListenTime.format(epochSecond);
        if (r.chance(options.unusualTimestampRatio())) {
            listenTime = unusual(listenTime, r);
        }
        return new String[] {Long.toString(user), tracks.trackId(track), listenTime};
    }

    @Override
    public boolean orphan(long index) {
        return random.at(index).chance(options.orphanRatio());
    }

    @Override
    public String[] spareRow(long ordinal) {
        RowRandom r = spareRandom.at(ordinal);
        long user = 1 + r.nextInt(options.users());
        long epochSecond = calendar.startOf(r.nextInt(calendar.hours())) + r.nextInt(SECONDS_PER_HOUR);
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
