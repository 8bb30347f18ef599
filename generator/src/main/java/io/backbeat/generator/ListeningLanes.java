package io.backbeat.generator;

/**
 * Who plays each listening session and within which seconds of its hour, chosen so that one user's sessions
 * never share a second and are told apart the way {@code kpi_sessions_daily} tells them apart (a gap of more
 * than 1,800 seconds between plays starts a session).
 *
 * <p>A <em>lane</em> is one user in one hour; a seeded permutation of the users per hour deals the hour's
 * sessions to lanes, so a user has at most one session an hour, and whether a user has a session in a
 * neighbouring hour is one inverse permutation away. A session fits its lane's {@link Window}:
 *
 * <ul>
 *   <li>When the user's next hour has a session too, this one ends by second 1,799 of its hour, so the gap to
 *       the next session's first play (second 0 or later of the next hour) is more than 1,800 seconds.
 *   <li>Some such pairs instead <em>touch</em> the boundary on purpose: the first session's last play at
 *       second 1,800 and the next session's first play at second 0 of the next hour, exactly 1,800 seconds
 *       apart (one session by the KPI's rule); as many are 1,801 seconds apart (two sessions).
 *   <li>In hour 23 a session whose user does not play in the next hour may run past midnight, up to
 *       00:29:59 (the KPI cuts it in two there); every other session stays in its hour, so the plays keep the
 *       {@link ListeningCalendar}'s shape.
 * </ul>
 *
 * <p>When the busiest hour has more sessions than users, each hour is cut into equal windows, one lane per
 * user and window, and sessions keep inside their window: plays keep distinct seconds, but a user's sessions
 * may then be closer than 1,800 seconds and merge in the KPI. The defaults never need this.
 */
final class ListeningLanes {
    static final int SECONDS_PER_HOUR = 3600;
    /** The KPI's session gap: plays further apart than this are in different sessions. */
    static final int SESSION_GAP = 1800;
    /** How far past midnight a session of hour 23 may run. */
    static final int PAST_MIDNIGHT = SESSION_GAP - 1;
    /** The share of lanes followed by the same user's session that touch it (and as many that just miss). */
    static final double TOUCH_SHARE = 0.08;
    /** The narrowest window: a session of the most plays, one second apart. */
    static final int MOST_WINDOWS = SECONDS_PER_HOUR / SessionBlocks.BLOCK;

    private final ListeningCalendar calendar;
    private final int users;
    private final int windows;
    private final IndexPermutation userOrder;
    private final RowRandom coins;

    /**
     * How a session may sit in its lane, in seconds from the start of its hour: it starts within
     * {@code [earliestStart, latestStart]} and its last play is no later than {@code latestEnd}; when
     * {@code fixedEnd} is not negative its last play is exactly there.
     */
    record Window(int earliestStart, int latestStart, int latestEnd, int fixedEnd) {

        /** The longest span (first to last play) a session in this window may have. */
        int budget() {
            return fixedEnd >= 0 ? fixedEnd : latestEnd - earliestStart;
        }

        /** The start of a session of {@code span} seconds ({@code <= budget()}), drawn from {@code r}. */
        int start(int span, RowRandom r) {
            if (fixedEnd >= 0) {
                return fixedEnd - span;
            }
            int last = Math.min(latestStart, latestEnd - span);
            return earliestStart + r.nextInt(last - earliestStart + 1);
        }
    }

    /**
     * @throws IllegalArgumentException when even one-second windows would not hold the busiest hour's sessions
     */
    ListeningLanes(GeneratorOptions options, ListeningCalendar calendar) {
        this.calendar = calendar;
        this.users = options.users();
        long busiest = SessionBlocks.sessions(calendar.busiestHourPlays());
        long windowsNeeded = Math.max(1, (busiest + users - 1) / users);
        if (windowsNeeded > MOST_WINDOWS) {
            throw new IllegalArgumentException("plays " + options.plays() + " do not fit " + users + " users over "
                    + options.days() + " days: the busiest hour would need " + calendar.busiestHourPlays()
                    + " plays in " + busiest + " listening sessions, but " + users + " users hold at most "
                    + (long) MOST_WINDOWS * users + " sessions an hour (one per user every " + SessionBlocks.BLOCK
                    + " seconds); raise users or days");
        }
        this.windows = (int) windowsNeeded;
        this.userOrder = new IndexPermutation(users, RowRandom.mix(options.seed() ^ 0x6c616e6573L));
        this.coins = new RowRandom(options.seed(), 0x746f756368L);
    }

    /** Whether sessions have whole hours to themselves (true at the defaults); see the class comment. */
    boolean wholeHours() {
        return windows == 1;
    }

    /** The user (1-based) of session {@code slot} of {@code hour}. */
    long user(int hour, long slot) {
        return userOrder.apply(slot / windows, tweak(hour, (int) (slot % windows))) + 1;
    }

    Window window(int hour, long slot, long user) {
        if (!wholeHours()) {
            int window = (int) (slot % windows);
            int from = window * SECONDS_PER_HOUR / windows;
            int to = (window + 1) * SECONDS_PER_HOUR / windows - 1;
            return new Window(from, to, to, -1);
        }
        int touch = touchOf(user, hour);
        if (touch >= 0) {
            return new Window(0, 0, touch, touch);
        }
        boolean startsAtZero = touchOf(user, hour - 1) >= 0;
        int latestEnd;
        if (plays(user, hour + 1)) {
            latestEnd = SESSION_GAP - 1;
        } else if (hour % 24 == 23 && hour + 1 < calendar.hours()) {
            latestEnd = SECONDS_PER_HOUR + PAST_MIDNIGHT;
        } else {
            latestEnd = SECONDS_PER_HOUR - 1;
        }
        return startsAtZero ? new Window(0, 0, latestEnd, -1) : new Window(0, SECONDS_PER_HOUR - 1, latestEnd, -1);
    }

    /**
     * Where the session of {@code user} in {@code hour} must end so the next hour's session touches it
     * ({@code 1800}) or just misses it ({@code 1799}, 1,801 seconds apart), or -1 when it need not. A lane may
     * touch only when its previous lane does not ask to: a session both starting at second 0 and ending at a
     * fixed second would need an exact span. Looks two hours back at most, so it is cheap for every play.
     */
    private int touchOf(long user, int hour) {
        int asked = askedTouch(user, hour);
        if (asked < 0 || !plays(user, hour) || !plays(user, hour + 1)) {
            return -1;
        }
        boolean previousAsks = askedTouch(user, hour - 1) >= 0 && plays(user, hour - 1);
        return previousAsks ? -1 : asked;
    }

    /** The seeded wish of a lane, before its neighbours are known: 1800, 1799 or -1. */
    private int askedTouch(long user, int hour) {
        if (hour < 0) {
            return -1;
        }
        double draw = coins.at(SessionBlocks.key(hour, user)).nextDouble();
        return draw < TOUCH_SHARE ? SESSION_GAP : draw < 2 * TOUCH_SHARE ? SESSION_GAP - 1 : -1;
    }

    /** Whether {@code user} has a session in {@code hour} (whole-hour lanes only). */
    private boolean plays(long user, int hour) {
        if (hour < 0 || hour >= calendar.hours()) {
            return false;
        }
        return userOrder.inverse(user - 1, tweak(hour, 0)) < SessionBlocks.sessions(calendar.playsIn(hour));
    }

    private long tweak(int hour, int window) {
        return (long) hour * windows + window;
    }
}
