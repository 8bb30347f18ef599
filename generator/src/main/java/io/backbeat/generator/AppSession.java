package io.backbeat.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * One app session, eventsim-style: mostly songs, with page views in between (home, thumbs, playlists,
 * settings, help, adverts for free users), sometimes an upgrade or a downgrade (the level changes after the
 * submit), a logout and login, or a cancellation that ends the session and the user's use of the app.
 * Guests browse a few pages and may register. A song's next event comes when the song ends; other pages
 * take seconds.
 */
final class AppSession {
    static final String LOGGED_IN = "Logged In";
    static final String LOGGED_OUT = "Logged Out";
    static final String GUEST = "Guest";
    static final String CANCELLED = "Cancelled";
    private static final double CANCEL_SHARE = 0.004;
    private static final double LOGGED_OUT_START = 0.05;

    /** Pages a signed-in user moves to, with weights; some only at one level, Logout not before a cancel. */
    private static final AppPage[] SIGNED_IN = {
        AppPage.NEXT_SONG, AppPage.HOME, AppPage.THUMBS_UP, AppPage.THUMBS_DOWN, AppPage.ADD_TO_PLAYLIST,
        AppPage.ADD_FRIEND, AppPage.ROLL_ADVERT, AppPage.SETTINGS, AppPage.HELP, AppPage.ABOUT, AppPage.UPGRADE,
        AppPage.DOWNGRADE, AppPage.ERROR, AppPage.LOGOUT,
    };
    private static final int[] SIGNED_IN_WEIGHTS = {800, 40, 45, 10, 25, 15, 30, 6, 5, 3, 9, 7, 2, 8};
    private static final AppPage[] SIGNED_OUT = {AppPage.LOGIN, AppPage.HOME, AppPage.ABOUT, AppPage.HELP, AppPage.ERROR};
    private static final int[] SIGNED_OUT_WEIGHTS = {60, 15, 10, 10, 5};
    private static final AppPage[] GUESTS = {AppPage.HOME, AppPage.ABOUT, AppPage.HELP, AppPage.REGISTER, AppPage.ERROR};
    private static final int[] GUEST_WEIGHTS = {40, 15, 15, 15, 3};

    private AppSession() {}

    /** A session's events and the user's level and standing once it is over. */
    record Outcome(List<AppEvent> events, boolean paid, boolean cancelled) {}

    /**
     * @param user the user, or null for a guest session
     * @param length how many events the session has
     * @param deadlineMs no event is later: past it the listener skips songs and hurries through pages
     */
    static Outcome play(long sessionId, int length, AppUser user, boolean paid, long startMs, long deadlineMs,
            RowRandom r, AppSongs songs) {
        boolean cancels = user != null && length >= 3 && r.chance(CANCEL_SHARE);
        String auth = user == null ? GUEST : !cancels && r.chance(LOGGED_OUT_START) ? LOGGED_OUT : LOGGED_IN;
        List<AppEvent> events = new ArrayList<>(length);
        long ts = startMs;
        AppPage previous = null;
        for (int item = 0; item < length; item++) {
            AppPage page;
            if (cancels && item >= length - 2) {
                page = item == length - 2 ? AppPage.CANCEL : AppPage.CANCELLATION_CONFIRMATION;
            } else if (item == 0 && !auth.equals(LOGGED_IN)) {
                page = AppPage.HOME;
            } else {
                page = next(auth, previous, paid, cancels, r);
            }
            String shownAuth = page == AppPage.CANCELLATION_CONFIRMATION ? CANCELLED : auth;
            SongCredit song = page == AppPage.NEXT_SONG ? songs.pick(r) : null;
            events.add(new AppEvent(ts, sessionId, item, page, shownAuth, paid ? "paid" : "free",
                    auth.equals(LOGGED_IN) ? user : null, song));
            switch (page) {
                case SUBMIT_UPGRADE -> paid = true;
                case SUBMIT_DOWNGRADE -> paid = false;
                case LOGOUT -> auth = LOGGED_OUT;
                case LOGIN -> auth = LOGGED_IN;
                default -> { }
            }
            int remaining = length - 1 - item;
            if (remaining > 0) {
                long pause = song != null ? song.durationMs() : thinkTimeMs(page, r);
                ts += Math.min(pause, (deadlineMs - ts) / remaining);
            }
            previous = page;
        }
        return new Outcome(events, paid, cancels);
    }

    private static AppPage next(String auth, AppPage previous, boolean paid, boolean cancels, RowRandom r) {
        if (auth.equals(GUEST)) {
            return previous == AppPage.REGISTER && r.chance(0.5) ? AppPage.SUBMIT_REGISTRATION : pick(GUESTS, GUEST_WEIGHTS, r);
        }
        if (auth.equals(LOGGED_OUT)) {
            return pick(SIGNED_OUT, SIGNED_OUT_WEIGHTS, r);
        }
        if (previous == AppPage.UPGRADE && !paid && r.chance(0.45)) {
            return AppPage.SUBMIT_UPGRADE;
        }
        if (previous == AppPage.DOWNGRADE && paid && r.chance(0.35)) {
            return AppPage.SUBMIT_DOWNGRADE;
        }
        if (previous == AppPage.SETTINGS && r.chance(0.3)) {
            return AppPage.SAVE_SETTINGS;
        }
        int total = 0;
        for (int i = 0; i < SIGNED_IN.length; i++) {
            total += allowed(SIGNED_IN[i], paid, cancels) ? SIGNED_IN_WEIGHTS[i] : 0;
        }
        int draw = r.nextInt(total);
        for (int i = 0; ; i++) {
            if (allowed(SIGNED_IN[i], paid, cancels)) {
                draw -= SIGNED_IN_WEIGHTS[i];
                if (draw < 0) {
                    return SIGNED_IN[i];
                }
            }
        }
    }

    private static boolean allowed(AppPage page, boolean paid, boolean cancels) {
        return switch (page) {
            case ROLL_ADVERT, UPGRADE -> !paid;
            case DOWNGRADE -> paid;
            case LOGOUT -> !cancels;
            default -> true;
        };
    }

    private static AppPage pick(AppPage[] pages, int[] weights, RowRandom r) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = r.nextInt(total);
        for (int i = 0; ; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return pages[i];
            }
        }
    }

    /** Seconds on a page: mostly a few, sometimes a minute or more; a second between Cancel and its confirmation. */
    private static long thinkTimeMs(AppPage page, RowRandom r) {
        if (page == AppPage.CANCEL) {
            return 500 + r.nextInt(1500);
        }
        return Math.min(300_000, 2_000 + (long) (-18_000 * StrictMath.log(1 - r.nextDouble())));
    }
}
