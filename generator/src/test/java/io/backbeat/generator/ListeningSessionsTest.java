package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.ListenTime;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays come in listening sessions that kpi_sessions_daily (KPI-SPEC) can tell apart: within a session each
 * track starts when the previous one ends; between a user's sessions there is more than 1,800 seconds, except
 * where sessions touch that boundary on purpose. Checked on the written rows, with the songs' durations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListeningSessionsTest {
    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
            .users(2_000).songs(5_000).plays(60_000).days(7).startDate(LocalDate.of(2024, 6, 24))
            .build();
    private static final int GAP = 1_800;

    /** One user's consecutive plays. */
    private record Step(long user, long from, long to, long spacing) {
        long gap() {
            return to - from;
        }

        boolean crossesMidnight() {
            return Math.floorDiv(from, 86_400) != Math.floorDiv(to, 86_400);
        }
    }

    private record Play(long user, String track, long second) {}

    private List<Play> plays;
    private Map<String, Long> spacingOf;
    private List<Step> steps;

    @BeforeAll
    void generate(@TempDir Path temp) {
        DatasetGenerator.generate(OPTIONS, temp);
        spacingOf = new HashMap<>();
        ReferenceValidator.validate(temp.resolve("songs.csv"), Dataset.SONGS).validRecords()
                .forEach(s -> spacingOf.put(s.getFirst(), Math.max(1, Math.round(Long.parseLong(s.get(5)) / 1000.0))));
        plays = ReferenceValidator.validate(temp.resolve("streams.csv"), Dataset.STREAMS).validRecords().stream()
                .map(p -> new Play(Long.parseLong(p.get(0)), p.get(1), ListenTime.parse(p.get(2))))
                .toList();
        steps = steps(plays, spacingOf);
    }

    /** Consecutive plays of each user; an unlisted track is followed after the generator's 180 seconds. */
    static List<Step> steps(List<Play> plays, Map<String, Long> spacingOf) {
        List<Play> ordered = new ArrayList<>(plays);
        ordered.sort(Comparator.comparingLong(Play::user).thenComparingLong(Play::second));
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            Play previous = ordered.get(i - 1);
            Play play = ordered.get(i);
            if (previous.user() == play.user()) {
                steps.add(new Step(play.user(), previous.second(), play.second(),
                        spacingOf.getOrDefault(previous.track(), (long) PlayRows.ORPHAN_SPACING_S)));
            }
        }
        return steps;
    }

    @Nested
    class BackToBack {
        @Test
        void aUsersPlays_neverShareASecond() {
            Set<List<Long>> seconds = new HashSet<>();
            plays.forEach(p -> assertThat(seconds.add(List.of(p.user(), p.second()))).as("%s", p).isTrue());
        }

        @Test
        void theNextPlay_startsWhenTheTrackEndsOrMoreThanHalfAnHourLater() {
            assertThat(steps).allSatisfy(step -> assertThat(step.gap() <= step.spacing() || step.gap() >= GAP)
                    .as("user %d: %d s after a %d s track", step.user(), step.gap(), step.spacing())
                    .isTrue());
        }

        @Test
        void tracksAreCutShort_onlyRarely() {
            long backToBack = steps.stream().filter(s -> s.gap() == s.spacing()).count();
            long cutShort = steps.stream().filter(s -> s.gap() < s.spacing()).count();

            assertThat(backToBack).as("of %d plays", plays.size()).isGreaterThan(40_000);
            assertThat(cutShort).as("skipped to fit the session's hour").isLessThan(backToBack / 100);
        }
    }

    @Nested
    class Boundaries {
        @Test
        void somePairsOfSessions_touchTheGapExactlyAndSomeMissItByASecond() {
            long touching = steps.stream().filter(s -> s.gap() == GAP).count();
            long missing = steps.stream().filter(s -> s.gap() == GAP + 1).count();

            assertThat(touching).isGreaterThan(20);
            assertThat(missing).isGreaterThan(20);
        }

        @Test
        void someSessions_runPastMidnight() {
            List<Step> pastMidnight = steps.stream()
                    .filter(s -> s.crossesMidnight() && s.gap() <= s.spacing())
                    .toList();

            assertThat(pastMidnight).hasSizeGreaterThan(10)
                    .allSatisfy(s -> assertThat(Math.floorMod(s.to(), 86_400)).isLessThan(GAP));
        }
    }

    @Nested
    class AsTheKpiCountsThem {
        @Test
        void sessions_holdAboutFourPlaysAndSomeJustOne() {
            List<Integer> sizes = kpiSessionSizes(plays);
            double perSession = (double) plays.size() / sizes.size();
            long single = sizes.stream().filter(size -> size == 1).count();

            assertThat(perSession).isBetween(3.5, 4.5);
            assertThat((double) single / sizes.size()).isBetween(0.12, 0.25);
            assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                    .as("a session holds at most %d plays; two touching ones, twice that", SessionBlocks.LONGEST)
                    .isBetween(SessionBlocks.LONGEST, 2 * SessionBlocks.LONGEST);
        }
    }

    /** Hour by hour the plays are the calendar's, but for those of hour 23 that run on past midnight. */
    @Test
    void plays_keepTheListeningCalendarsHours() {
        ListeningCalendar calendar = new ListeningCalendar(OPTIONS.startDate(), OPTIONS.days(), OPTIONS.plays());
        long[] perHour = perHour(plays, calendar);

        for (int hour = 0; hour < calendar.hours(); hour++) {
            if (hour % 24 == 23 && hour + 1 < calendar.hours()) {
                assertThat(perHour[hour] + perHour[hour + 1]).as("hours %d and %d", hour, hour + 1)
                        .isEqualTo(calendar.playsIn(hour) + calendar.playsIn(hour + 1));
                assertThat(perHour[hour]).isLessThan(calendar.playsIn(hour));
                hour++;
            } else {
                assertThat(perHour[hour]).as("hour %d", hour).isEqualTo(calendar.playsIn(hour));
            }
        }
        assertThat(perHour[calendar.hours()]).as("plays after the last day").isZero();
    }

    /** With more sessions an hour than users, lanes are windows of the hour: fewer gaps, still no shared second. */
    @Test
    void crowdedHours_stillGiveEveryPlayItsOwnSecondWithinItsHour(@TempDir Path temp) {
        GeneratorOptions crowded = GeneratorOptions.builder()
                .users(1_000).songs(2_000).plays(200_000).days(1).startDate(LocalDate.of(2024, 6, 24)).build();
        DatasetGenerator.generate(crowded, temp);
        List<Play> crowdedPlays = ReferenceValidator.validate(temp.resolve("streams.csv"), Dataset.STREAMS)
                .validRecords().stream()
                .map(p -> new Play(Long.parseLong(p.get(0)), p.get(1), ListenTime.parse(p.get(2))))
                .toList();
        ListeningCalendar calendar = new ListeningCalendar(crowded.startDate(), 1, crowded.plays());

        assertThat(crowdedPlays.stream().map(p -> List.of(p.user(), p.second())).distinct().count())
                .isEqualTo(200_000);
        long[] perHour = perHour(crowdedPlays, calendar);
        for (int hour = 0; hour < 24; hour++) {
            assertThat(perHour[hour]).as("hour %d", hour).isEqualTo(calendar.playsIn(hour));
        }
    }

    /** KPI-SPEC's sessions: per user and date, a new one after a gap of more than 1,800 seconds. */
    static List<Integer> kpiSessionSizes(List<Play> plays) {
        List<Play> ordered = new ArrayList<>(plays);
        ordered.sort(Comparator.comparingLong(Play::user).thenComparingLong(Play::second));
        List<Integer> sizes = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Play play = ordered.get(i);
            Play previous = i == 0 ? null : ordered.get(i - 1);
            boolean continues = previous != null && previous.user() == play.user()
                    && Math.floorDiv(previous.second(), 86_400) == Math.floorDiv(play.second(), 86_400)
                    && play.second() - previous.second() <= GAP;
            if (!continues && size > 0) {
                sizes.add(size);
                size = 0;
            }
            size++;
        }
        sizes.add(size);
        return sizes;
    }

    private static long[] perHour(List<Play> plays, ListeningCalendar calendar) {
        long[] perHour = new long[calendar.hours() + 1];
        long first = calendar.startOf(0);
        plays.forEach(p -> perHour[(int) ((p.second() - first) / 3_600)]++);
        return perHour;
    }
}
