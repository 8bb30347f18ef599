package io.backbeat.generator;

/**
 * An app event as eventsim writes it: its fields in eventsim's order, {@code userId} as a string of digits
 * ({@code ""} for guests and logged-out events, which show no user details either), and for
 * {@code NextSong} the song's {@code artist}, {@code song} and {@code length} in seconds.
 */
final class EventJson {
    private EventJson() {}

    static JsonLine of(AppEvent event) {
        JsonLine line = new JsonLine();
        write(event, line);
        return line;
    }

    static void write(AppEvent event, JsonFields line) {
        AppUser user = event.user();
        line.number("ts", event.ts())
                .text("userId", user == null ? "" : Long.toString(user.id()))
                .number("sessionId", event.sessionId())
                .text("page", event.page().title())
                .text("auth", event.auth())
                .text("method", event.page().method())
                .number("status", event.page().status())
                .text("level", event.level())
                .number("itemInSession", event.itemInSession());
        if (user != null) {
            line.text("location", user.location())
                    .text("userAgent", user.userAgent())
                    .text("lastName", user.lastName())
                    .text("firstName", user.firstName())
                    .number("registration", user.registration())
                    .text("gender", user.gender());
        }
        SongCredit song = event.song();
        if (song != null) {
            line.text("artist", song.artist())
                    .text("song", song.title())
                    .json("length", Double.toString(song.lengthSeconds()));
        }
    }
}
