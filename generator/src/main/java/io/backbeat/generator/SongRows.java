package io.backbeat.generator;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.SongsContract;
import java.util.Locale;

/**
 * The songs catalogue. Popularity follows the song's play rank (with noise), so the most played tracks
 * also look popular; some songs credit several artists; some genres arrive in odd case with blanks.
 */
final class SongRows implements RowSource {
    private static final double ODD_GENRE = 0.03;

    private final TrackCatalogue tracks;
    private final RowRandom random;
    private final ZipfRanks artistRanks;
    private final double logSongs;

    SongRows(GeneratorOptions options, TrackCatalogue tracks) {
        this.tracks = tracks;
        this.random = new RowRandom(options.seed(), 0x736f6e6773L);
        this.artistRanks = new ZipfRanks(Math.max(Vocabulary.NOTABLE_ARTISTS.length, tracks.songs() / 4));
        this.logSongs = StrictMath.log(tracks.songs() + 1.0);
    }

    @Override
    public Dataset dataset() {
        return Dataset.SONGS;
    }

    @Override
    public long size() {
        return tracks.songs();
    }

    @Override
    public String[] row(long index) {
        return row(index, tracks.rankOf(index));
    }

    @Override
    public String[] spareRow(long ordinal) {
        return row(tracks.spareTrack(ordinal), tracks.songs() - 1);
    }

    private String[] row(long track, long rank) {
        RowRandom r = random.at(track);
        return new String[] {
            tracks.trackId(track),
            artists(r),
            album(r),
            title(r),
            Integer.toString(popularity(rank, r)),
            Integer.toString(tracks.durationMs(track)),
            genre(r),
        };
    }

    private String artists(RowRandom r) {
        double credits = r.nextDouble();
        int count = credits < 0.85 ? 1 : credits < 0.96 ? 2 : 3;
        long[] credited = new long[count];
        credited[0] = artistRanks.rank(r.nextDouble());
        StringBuilder names = new StringBuilder(artist(credited[0]));
        for (int i = 1; i < count; i++) {
            credited[i] = Vocabulary.NOTABLE_ARTISTS.length
                    + r.nextLong(Vocabulary.ARTIST_ADJECTIVES.length * (long) Vocabulary.ARTIST_NOUNS.length);
            if (credited[i] != credited[0] && credited[i] != credited[i - 1]) {
                names.append(SongsContract.ARTIST_SEPARATOR).append(artist(credited[i]));
            }
        }
        return names.toString();
    }

    /** Artist {@code k}: the notable names first, then adjective-noun names, numbered once those run out. */
    static String artist(long k) {
        if (k < Vocabulary.NOTABLE_ARTISTS.length) {
            return Vocabulary.NOTABLE_ARTISTS[(int) k];
        }
        long generated = k - Vocabulary.NOTABLE_ARTISTS.length;
        int adjectives = Vocabulary.ARTIST_ADJECTIVES.length;
        int nouns = Vocabulary.ARTIST_NOUNS.length;
        String name = Vocabulary.ARTIST_ADJECTIVES[(int) (generated % adjectives)] + " "
                + Vocabulary.ARTIST_NOUNS[(int) (generated / adjectives % nouns)];
        long round = generated / ((long) adjectives * nouns);
        return round == 0 ? name : name + " " + (round + 1);
    }

    private static String album(RowRandom r) {
        double style = r.nextDouble();
        if (style < 0.15) {
            return "Live at " + r.pick(Vocabulary.TITLE_WORDS);
        }
        if (style < 0.25) {
            return "Songs for " + r.pick(Vocabulary.TITLE_WORDS);
        }
        return title(r);
    }

    private static String title(RowRandom r) {
        int words = 1 + r.nextInt(3);
        StringBuilder title = new StringBuilder(r.pick(Vocabulary.TITLE_WORDS));
        for (int i = 1; i < words; i++) {
            title.append(' ').append(r.pick(Vocabulary.TITLE_WORDS));
        }
        double style = r.nextDouble();
        if (style < 0.06) {
            title.append(r.pick(Vocabulary.TITLE_SUFFIXES));
        } else if (style < 0.07) {
            title.insert(0, '"').append('"');
        } else if (style < 0.072) {
            title.append("\n(Reprise)");
        }
        return title.toString();
    }

    /** Near 100 for rank 0, falling with the log of the rank, give or take 8. */
    private int popularity(long rank, RowRandom r) {
        double base = 100 * (1 - StrictMath.log(rank + 1.0) / logSongs);
        int noisy = (int) Math.round(base + 16 * r.nextDouble() - 8);
        return Math.clamp(noisy, 0, 100);
    }

    private static String genre(RowRandom r) {
        String genre = r.pick(Vocabulary.GENRES);
        if (!r.chance(ODD_GENRE)) {
            return genre;
        }
        String cased = r.chance(0.5) ? titleCase(genre) : genre.toUpperCase(Locale.ROOT);
        return " ".repeat(r.nextInt(3)) + cased + " ".repeat(1 + r.nextInt(2));
    }

    private static String titleCase(String genre) {
        StringBuilder cased = new StringBuilder(genre.length());
        boolean start = true;
        for (char c : genre.toCharArray()) {
            cased.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-';
        }
        return cased.toString();
    }
}
