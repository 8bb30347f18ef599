package io.backbeat.generator;

/**
 * The songs the app plays: songs of songs.csv, drawn by the same popularity law as the plays, named exactly
 * as songs.csv names them (its {@code artists} and {@code track_name}) and as long as its
 * {@code duration_ms} says. App plays never name a track songs.csv lacks.
 */
final class AppSongs {
    private final TrackCatalogue tracks;
    private final SongRows rows;

    AppSongs(GeneratorOptions options, TrackCatalogue tracks) {
        this.tracks = tracks;
        this.rows = new SongRows(options, tracks);
    }

    SongCredit pick(RowRandom r) {
        long song = tracks.playedSong(r.nextDouble());
        String[] row = rows.row(song);
        return new SongCredit(row[1], row[3], tracks.durationMs(song));
    }
}
