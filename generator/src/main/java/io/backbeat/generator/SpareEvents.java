package io.backbeat.generator;

/**
 * Valid events outside the log, for injected lines to spoil: each a signed-in user's {@code NextSong} with a
 * status, so every field a defect can hit is present. Their keys may repeat the log's, which does not matter
 * because validation rejects them.
 */
final class SpareEvents {
    private final AppUsers users;
    private final AppSongs songs;
    private final RowRandom random;
    private final int userCount;
    private final long firstMs;
    private final long rangeMs;

    SpareEvents(GeneratorOptions options, TrackCatalogue tracks) {
        this.users = new AppUsers(options);
        this.songs = new AppSongs(options, tracks);
        this.random = new RowRandom(options.seed(), 0x7370617265657674L);
        this.userCount = options.users();
        this.firstMs = options.startDate().toEpochDay() * 86_400_000L;
        this.rangeMs = options.days() * 86_400_000L;
    }

    JsonLine line(long ordinal) {
        RowRandom r = random.at(ordinal);
        long ts = firstMs + r.nextLong(rangeMs);
        long sessionId = 1 + r.nextLong(1_000_000);
        int item = r.nextInt(40);
        AppUser user = users.profile(1 + r.nextLong(userCount));
        String level = r.chance(0.3) ? "paid" : "free";
        SongCredit song = songs.pick(r);
        return EventJson.of(
                new AppEvent(ts, sessionId, item, AppPage.NEXT_SONG, AppSession.LOGGED_IN, level, user, song));
    }
}
