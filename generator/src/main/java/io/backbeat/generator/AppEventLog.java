package io.backbeat.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The app's event log, an eventsim-style simulation of the same users over the same days as the plays,
 * produced in time order (ties by session, then position) as eventsim writes it and Firehose delivers it.
 *
 * <p>Sessions are spread over the hours by the {@link ListeningCalendar}'s curve. A session's kind (guest or
 * user) and length are drawn from its number alone, so a quick first pass finds how many sessions make
 * exactly {@code events} events (the last one cut short). Each hour's sessions are then simulated in start
 * order, in full, against the users' state ({@link AppUsers}), and their events merged by time: memory holds
 * the sessions still running, not the log. Session ids count from 1 in start order, so (sessionId,
 * itemInSession) is unique and no good event repeats the natural key (sessionId, itemInSession, ts).
 *
 * <p>The log ends with the last day: a session still running then hurries (skips songs, spends less time on
 * pages) so that it ends by the last millisecond, which keeps the event count exact and no event past the
 * days. Only sessions of the last day's final hours are affected.
 */
final class AppEventLog implements Iterator<AppEvent> {
    private static final double GUEST_SHARE = 0.03;
    private static final double MEAN_LENGTH = 18;
    private static final int LONGEST = 120;
    private static final long HOUR_MS = 3_600_000L;

    private final long total;
    private final long lastSession;
    private final int lastLength;
    private final ListeningCalendar calendar;
    private final long deadlineMs;
    private final AppUsers users;
    private final AppSongs songs;
    private final RowRandom shapes;
    private final RowRandom sessions;
    private final PriorityQueue<Running> running = new PriorityQueue<>(AppEventLog::earlier);
    private int nextHour;
    private long nextSessionId = 1;
    private long produced;

    AppEventLog(GeneratorOptions options, TrackCatalogue tracks) {
        this.total = options.events();
        this.shapes = new RowRandom(options.seed(), 0x6170707368617065L);
        this.sessions = new RowRandom(options.seed(), 0x61707073657373L);
        long count = 0;
        long sum = 0;
        int length = 0;
        while (sum < total) {
            length = (int) Math.min(length(count), total - sum);
            sum += length;
            count++;
        }
        this.lastSession = count - 1;
        this.lastLength = length;
        this.calendar = new ListeningCalendar(options.startDate(), options.days(), count);
        this.deadlineMs = calendar.startOf(calendar.hours()) * 1000 - 1;
        this.users = new AppUsers(options);
        this.songs = new AppSongs(options, tracks);
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public AppEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the log has all its " + total + " events");
        }
        // Sessions of an hour start in it: events before the hour can go out before its sessions exist.
        while (nextHour < calendar.hours()
                && (running.isEmpty() || running.peek().ts() >= calendar.startOf(nextHour) * 1000)) {
            startSessions(nextHour++);
        }
        Running session = running.poll();
        AppEvent event = session.take();
        if (session.hasMore()) {
            running.add(session);
        }
        produced++;
        return event;
    }

    private static int earlier(Running a, Running b) {
        return a.ts() != b.ts() ? Long.compare(a.ts(), b.ts()) : Long.compare(a.sessionId(), b.sessionId());
    }

    /** Events of session number {@code position}: few for a guest, about 18 for a user, up to 120. */
    private int length(long position) {
        RowRandom r = shapes.at(position);
        if (r.chance(GUEST_SHARE)) {
            return 1 + r.nextInt(5);
        }
        return (int) Math.min(LONGEST, 1 + (MEAN_LENGTH - 1) * -StrictMath.log(1 - r.nextDouble()));
    }

    private boolean guest(long position) {
        return shapes.at(position).chance(GUEST_SHARE);
    }

    private void startSessions(int hour) {
        long first = calendar.firstPlayOf(hour);
        List<long[]> starts = new ArrayList<>();
        for (long position = first; position < first + calendar.playsIn(hour); position++) {
            long startMs = calendar.startOf(hour) * 1000 + sessions.at(position).nextLong(HOUR_MS);
            starts.add(new long[] {startMs, position});
        }
        starts.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
        for (long[] start : starts) {
            running.add(simulate(start[1], start[0]));
        }
    }

    private Running simulate(long position, long startMs) {
        RowRandom r = sessions.at(position);
        r.nextLong(); // the start drawn in startSessions
        int length = position == lastSession ? lastLength : length(position);
        long user = guest(position) ? 0 : users.pick(startMs, r);
        AppUser profile = user == 0 ? null : users.profile(user);
        boolean paid = user != 0 && users.paid(user);
        AppSession.Outcome outcome =
                AppSession.play(nextSessionId++, length, profile, paid, startMs, deadlineMs, r, songs);
        if (user != 0) {
            users.sessionEnded(user, outcome.events().getLast().ts(), outcome.paid(), outcome.cancelled());
        }
        return new Running(outcome.events());
    }

    /** A simulated session whose events are going out one by one; its next event's time and id at hand. */
    private static final class Running {
        private final List<AppEvent> events;
        private final long sessionId;
        private int next;
        private long ts;

        Running(List<AppEvent> events) {
            this.events = events;
            this.sessionId = events.getFirst().sessionId();
            this.ts = events.getFirst().ts();
        }

        long ts() {
            return ts;
        }

        long sessionId() {
            return sessionId;
        }

        AppEvent take() {
            AppEvent event = events.get(next++);
            if (next < events.size()) {
                ts = events.get(next).ts();
            }
            return event;
        }

        boolean hasMore() {
            return next < events.size();
        }
    }
}
