package io.backbeat.generator;

import java.time.LocalDate;

/**
 * The users of users.csv as the app log knows them, and what the log has made of each so far: their level,
 * whether they cancelled, and when their last session ended. The log is simulated in time order, so a
 * session sees the upgrades, downgrades and cancellation of the same user's earlier sessions; a cancelled
 * user has no later session. Five bytes per user.
 */
final class AppUsers {
    /** A user's next session starts at least this long after the previous one ended. */
    static final long SESSION_GAP_MS = 30 * 60_000L;
    private static final double PAID_SHARE = 0.22;
    private static final int PROBES = 8;
    private static final byte PAID = 1;
    private static final byte CANCELLED = 2;
    private static final String[] USER_AGENTS = {
        "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\"",
        "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15\"",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
    };

    private final int users;
    private final long firstMs;
    private final UserRows rows;
    private final RowRandom random;
    private final byte[] flags;
    /** Seconds after {@link #firstMs} at which each user's last session ended (rounded up); 0 before any. */
    private final int[] busyUntil;

    AppUsers(GeneratorOptions options) {
        this.users = options.users();
        this.firstMs = options.startDate().toEpochDay() * 86_400_000L;
        this.rows = new UserRows(options);
        this.random = new RowRandom(options.seed(), 0x61707075736572L);
        this.flags = new byte[users];
        this.busyUntil = new int[users];
        for (int user = 1; user <= users; user++) {
            if (random.at(user).chance(PAID_SHARE)) {
                flags[user - 1] = PAID;
            }
        }
    }

    /**
     * A user for a session starting at {@code startMs}: a few random users are tried, and the first who has
     * not cancelled and is not in (or just out of) a session takes it. When all are busy, the one free
     * soonest takes it anyway; 0 (a guest session) when all tried have cancelled.
     */
    long pick(long startMs, RowRandom r) {
        long soonest = 0;
        for (int probe = 0; probe < PROBES; probe++) {
            long user = 1 + r.nextLong(users);
            if ((flags[(int) user - 1] & CANCELLED) != 0) {
                continue;
            }
            if (firstMs + busyUntil[(int) user - 1] * 1000L + SESSION_GAP_MS <= startMs) {
                return user;
            }
            if (soonest == 0 || busyUntil[(int) user - 1] < busyUntil[(int) soonest - 1]) {
                soonest = user;
            }
        }
        return soonest;
    }

    boolean paid(long user) {
        return (flags[(int) user - 1] & PAID) != 0;
    }

    /** Records how a session of {@code user} ended. */
    void sessionEnded(long user, long lastTs, boolean paid, boolean cancelled) {
        int index = (int) user - 1;
        flags[index] = (byte) ((paid ? PAID : 0) | (cancelled ? CANCELLED : 0));
        busyUntil[index] = (int) ((lastTs - firstMs) / 1000 + 1);
    }

    /** The user's descriptive fields, consistent with their row of users.csv. */
    AppUser profile(long user) {
        String[] row = rows.row(user - 1);
        String[] names = rows.nameParts(user - 1);
        RowRandom r = random.at(user);
        r.nextDouble(); // the level draw of the constructor
        String gender = r.chance(0.5) ? "F" : "M";
        String userAgent = r.pick(USER_AGENTS);
        long registration = LocalDate.parse(row[4]).toEpochDay() * 86_400_000L + r.nextLong(86_400_000L);
        return new AppUser(user, names[0], names[1], gender, row[3], userAgent, registration);
    }
}
