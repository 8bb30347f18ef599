package io.backbeat.generator;

/**
 * One event of the app's log, before it is written as a JSON line.
 *
 * @param ts epoch milliseconds (UTC)
 * @param sessionId the app session; unique over the whole log
 * @param itemInSession the event's position in its session, from 0
 * @param page the page viewed
 * @param auth {@code Logged In}, {@code Logged Out}, {@code Guest} or {@code Cancelled}
 * @param level {@code free} or {@code paid}
 * @param user the signed-in user, whose id and details the event shows; null for guests and logged-out events
 * @param song the song played, for {@link AppPage#NEXT_SONG} only (null otherwise)
 */
record AppEvent(
        long ts, long sessionId, int itemInSession, AppPage page, String auth, String level, AppUser user,
        SongCredit song) {}
