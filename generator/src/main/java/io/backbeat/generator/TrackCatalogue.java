package io.backbeat.generator;

import io.backbeat.events.contract.TrackIdType;
import java.nio.charset.StandardCharsets;

/**
 * Every track the generator can name, addressed by index: {@code [0, songs)} are the songs of songs.csv,
 * the next {@code orphans} are tracks that are played but never listed (orphan plays), and indexes after
 * those are spare ids for injected rows. Track ids and popularity ranks are derived from the index, so the
 * catalogue is never held in memory.
 */
final class TrackCatalogue {
    private static final byte[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final int HALF = TrackIdType.LENGTH / 2;
    /** 8 * 62^10: the high half's first character stays within 0..7, as in real Spotify ids. */
    private static final long HIGH_SPAN = 8 * 839_299_365_868_340_224L;

    private final long idKey;
    private final int songs;
    private final int orphans;
    private final IndexPermutation rankOrder;
    private final ZipfRanks songRanks;
    private final ZipfRanks orphanRanks;
    private final RowRandom durations;

    TrackCatalogue(long seed, int songs) {
        this.idKey = RowRandom.mix(seed ^ 0x747261636bL);
        this.songs = songs;
        this.orphans = Math.max(1, songs / 20);
        this.rankOrder = new IndexPermutation(songs, seed ^ 0x72616e6bL);
        this.songRanks = new ZipfRanks(songs);
        this.orphanRanks = new ZipfRanks(orphans);
        this.durations = new RowRandom(seed, 0x6475726174696f6eL);
    }

    int songs() {
        return songs;
    }

    /**
     * The 22 base-62 characters of a track. The low half encodes a bijection of the index, so two indexes
     * never share an id; the high half only adds noise.
     */
    String trackId(long index) {
        long low = RowRandom.mix(index + idKey);
        long high = Long.remainderUnsigned(RowRandom.mix(low ^ idKey), HIGH_SPAN);
        byte[] id = new byte[TrackIdType.LENGTH];
        writeDigits(high, id, 0, HALF);
        // The low half is unsigned: one unsigned division brings it into signed range (62^10 > 2^64 / 62).
        id[TrackIdType.LENGTH - 1] = BASE62[(int) Long.remainderUnsigned(low, 62)];
        writeDigits(Long.divideUnsigned(low, 62), id, HALF, HALF - 1);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Popularity rank of a song, 0 being the most played. */
    long rankOf(long song) {
        return rankOrder.inverse(song);
    }

    /**
     * A song's {@code duration_ms}: around 3.5 minutes, a few interludes and a few long tracks. Drawn from the
     * track's own stream, so plays can be spaced by it without generating the song's row.
     */
    int durationMs(long song) {
        RowRandom r = durations.at(song);
        double spread = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        double minutes = 3.5 * ExpTable.exp(0.45 * spread);
        if (r.chance(0.02)) {
            minutes = 0.5 + 14 * r.nextDouble();
        }
        return (int) (minutes * 60_000) + r.nextInt(1000);
    }

    /** A listed song for a uniform draw, chosen by the Zipf law over popularity ranks. */
    long playedSong(double uniform) {
        return rankOrder.apply(songRanks.rank(uniform));
    }

    /** An unlisted track for a uniform draw; orphans have their own, smaller Zipf law. */
    long orphanTrack(double uniform) {
        return songs + orphanRanks.rank(uniform);
    }

    /** A track index no good row of any dataset uses, for injected songs rows. */
    long spareTrack(long ordinal) {
        return (long) songs + orphans + ordinal;
    }

    private static void writeDigits(long value, byte[] id, int from, int count) {
        for (int at = from + count - 1; at >= from; at--) {
            id[at] = BASE62[(int) (value % 62)];
            value /= 62;
        }
    }
}
