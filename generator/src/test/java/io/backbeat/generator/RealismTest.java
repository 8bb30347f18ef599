package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.SongsContract;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The generated data looks like listening data; checked once on a mid-sized generation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealismTest {
    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
            .users(2_000).songs(5_000).plays(60_000).days(7).startDate(LocalDate.of(2024, 6, 24))
            .build();

    private GenerationManifest manifest;
    private List<List<String>> users;
    private List<List<String>> songs;
    private List<List<String>> plays;

    @BeforeAll
    void generate(@TempDir Path temp) {
        manifest = DatasetGenerator.generate(OPTIONS, temp);
        users = ReferenceValidator.validate(temp.resolve("users.csv"), Dataset.USERS).validRecords();
        songs = ReferenceValidator.validate(temp.resolve("songs.csv"), Dataset.SONGS).validRecords();
        plays = ReferenceValidator.validate(temp.resolve("streams.csv"), Dataset.STREAMS).validRecords();
    }

    @Nested
    class Plays {
        @Test
        void plays_concentrateOnFewTracks() {
            Map<String, Long> perTrack = plays.stream().collect(Collectors.groupingBy(p -> p.get(1), Collectors.counting()));
            long topShare = perTrack.values().stream()
                    .sorted((a, b) -> Long.compare(b, a))
                    .limit(OPTIONS.songs() / 100)
                    .mapToLong(Long::longValue)
                    .sum();

            assertThat((double) topShare / plays.size()).as("share of the top 1%% of tracks").isGreaterThan(0.35);
        }

        @Test
        void plays_peakInTheEveningAndDipAtNight() {
            long[] perHour = new long[24];
            plays.forEach(p -> perHour[ListenTime.hourOf(ListenTime.parse(p.get(2)))]++);
            long evening = perHour[18] + perHour[19] + perHour[20] + perHour[21];
            long night = perHour[2] + perHour[3] + perHour[4] + perHour[5];

            assertThat(evening).isGreaterThan(5 * night);
            assertThat(perHour[20]).isGreaterThan(perHour[10]);
        }

        @Test
        void plays_coverEveryDayOfTheRangeAndNothingElse() {
            Set<String> dates = plays.stream()
                    .map(p -> ListenTime.formatDate(ListenTime.parse(p.get(2))))
                    .collect(Collectors.toSet());

            assertThat(dates).containsExactlyInAnyOrder(
                    "2024-06-24", "2024-06-25", "2024-06-26", "2024-06-27", "2024-06-28", "2024-06-29", "2024-06-30");
        }

        @Test
        void plays_ofUnlistedTracksMatchTheOrphanRatio() {
            Set<String> listed = songs.stream().map(s -> s.getFirst()).collect(Collectors.toSet());
            long orphans = plays.stream().filter(p -> !listed.contains(p.get(1))).count();

            assertThat((double) orphans / plays.size()).isCloseTo(0.01, offset(0.003));
            assertThat(manifest.file("streams.csv").expected().orphanPlays()).isEqualTo(orphans);
        }

        @Test
        void plays_useEveryUnusualTimestampFormSometimes() {
            List<String> times = plays.stream().map(p -> p.get(2)).toList();

            assertThat(times).anyMatch(t -> t.length() == 19 && t.charAt(10) == 'T');
            assertThat(times).anyMatch(t -> t.charAt(10) == ' ' && t.contains("."));
            assertThat(times).anyMatch(t -> t.charAt(10) == ' ' && t.endsWith("Z"));
            assertThat(times).anyMatch(t -> t.charAt(10) == 'T' && t.contains(".") && t.endsWith("Z"));
            assertThat(times.stream().filter(t -> !ListenTime.isCanonical(t)).count())
                    .isBetween(600L, 1_800L);
        }

        @Test
        void plays_areByKnownUsers() {
            assertThat(plays).allSatisfy(p -> assertThat(Long.parseLong(p.getFirst())).isBetween(1L, 2_000L));
        }
    }

    @Nested
    class Songs {
        @Test
        void songs_haveDistinctTrackIdsOfTwentyTwoBase62Characters() {
            assertThat(songs).extracting(s -> s.getFirst()).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("[0-7][0-9A-Za-z]{21}"));
        }

        @Test
        void songs_holdAboutAHundredGenresSomeInOddCaseWithBlanks() {
            List<String> genres = songs.stream().map(s -> s.get(6)).toList();
            Set<String> normalized = genres.stream()
                    .map(g -> g.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());

            assertThat(normalized).hasSizeBetween(90, 120).contains("hip hop");
            assertThat(genres).anyMatch(g -> !g.equals(g.strip()) && !g.strip().equals(g.strip().toLowerCase(Locale.ROOT)));
            assertThat(genres.stream().filter(g -> !g.equals(g.strip().toLowerCase(Locale.ROOT))).count())
                    .isBetween(50L, 300L);
        }

        @Test
        void songs_creditSeveralArtistsSometimes() {
            List<String[]> credits = songs.stream()
                    .map(s -> s.get(1).split(String.valueOf(SongsContract.ARTIST_SEPARATOR)))
                    .toList();

            assertThat(credits.stream().filter(c -> c.length > 1).count()).isBetween(400L, 1_200L);
            assertThat(credits).allSatisfy(c -> assertThat(c).allMatch(artist -> !artist.isBlank()));
        }

        @Test
        void songs_haveRealisticPopularityAndDuration() {
            assertThat(songs).allSatisfy(s -> {
                assertThat(Integer.parseInt(s.get(4))).isBetween(0, 100);
                assertThat(Integer.parseInt(s.get(5))).isBetween(20_000, 1_000_000);
            });
        }

        @Test
        void songs_mostPlayedTrackIsAmongTheMostPopular() {
            Map<String, Long> perTrack = plays.stream().collect(Collectors.groupingBy(p -> p.get(1), Collectors.counting()));
            String mostPlayed = perTrack.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            Map<String, Integer> popularity = new HashMap<>();
            songs.forEach(s -> popularity.put(s.getFirst(), Integer.parseInt(s.get(4))));

            assertThat(popularity.get(mostPlayed)).isGreaterThanOrEqualTo(90);
        }
    }

    @Nested
    class Text {
        @Test
        void text_includesAccentsOtherScriptsEmojiAndCharactersThatNeedQuoting() {
            List<String> texts = new ArrayList<>();
            users.forEach(u -> texts.add(u.get(1)));
            songs.forEach(s -> texts.addAll(s.subList(1, 4)));

            assertThat(texts).anyMatch(t -> t.contains("é"));
            assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(Character::isSupplementaryCodePoint));
            assertThat(texts).anyMatch(t -> t.contains(","));
            assertThat(texts).anyMatch(t -> t.contains("\""));
            assertThat(texts).anyMatch(t -> t.contains("\n"));
        }

        @Test
        void users_leaveSomeAgesEmptyAndSignedUpBeforeTheFirstPlay() {
            long emptyAges = users.stream().filter(u -> u.get(2).isEmpty()).count();

            assertThat(emptyAges).isBetween(40L, 140L);
            assertThat(users).allSatisfy(u -> assertThat(u.get(4)).isLessThan("2024-06-24"));
            assertThat(users).extracting(u -> Long.parseLong(u.getFirst())).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 2_000).boxed().toList());
        }
    }
}
