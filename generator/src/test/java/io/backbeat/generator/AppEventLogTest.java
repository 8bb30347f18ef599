package io.backbeat.generator;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.Dataset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The app event log reads like eventsim's: sessions of page views by the users of users.csv, checked once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppEventLogTest {
    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
            .users(400).songs(600).plays(8_000).days(3).startDate(LocalDate.of(2024, 6, 24))
            .events(40_000)
            .build();
    private static final Set<String> GUEST_PAGES = Set.of("Home", "About", "Help", "Register", "Submit Registration", "Error");

    private GenerationManifest manifest;
    private EventsReference.Report report;
    private List<EventsReference.Event> events;
    private Map<Long, List<EventsReference.Event>> sessions;
    private Map<Long, List<String>> usersById;
    private List<List<String>> songs;

    @BeforeAll
    void generate(@TempDir Path temp) {
        manifest = DatasetGenerator.generate(OPTIONS, temp);
        report = EventsReference.validate(temp.resolve("events.ndjson"));
        events = report.validEvents();
        sessions = events.stream().collect(groupingBy(EventsReference.Event::sessionId, LinkedHashMap::new, Collectors.toList()));
        usersById = new HashMap<>();
        ReferenceValidator.validate(temp.resolve("users.csv"), Dataset.USERS).validRecords()
                .forEach(u -> usersById.put(Long.parseLong(u.getFirst()), u));
        songs = ReferenceValidator.validate(temp.resolve("songs.csv"), Dataset.SONGS).validRecords();
    }

    @Nested
    class File {
        @Test
        void events_areExactlyTheAskedNumberOfValidRowsWithBlankLinesBetween() {
            GeneratedFile file = manifest.file("events.ndjson");

            assertThat(file.dataset()).isEqualTo(Dataset.EVENTS);
            assertThat(file.rows()).isEqualTo(40_000);
            assertThat(report.rows()).isEqualTo(40_000);
            assertThat(report.rejections()).isEmpty();
            assertThat(report.duplicates()).isZero();
            assertThat(report.outcome()).isEqualTo(file.expected());
            assertThat(report.blankLines()).as("about one in 2,000 lines").isBetween(5L, 40L);
        }

        @Test
        void events_areInTimeOrderWithinTheDays() {
            long first = LocalDate.of(2024, 6, 24).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            long end = LocalDate.of(2024, 6, 27).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

            assertThat(events).extracting(EventsReference.Event::ts).isSorted()
                    .allSatisfy(ts -> assertThat(ts).isBetween(first, end - 1));
            assertThat(events.stream().map(e -> Instant.ofEpochMilli(e.ts()).atZone(ZoneOffset.UTC).toLocalDate()).distinct())
                    .containsExactly(LocalDate.of(2024, 6, 24), LocalDate.of(2024, 6, 25), LocalDate.of(2024, 6, 26));
        }

        @Test
        void events_writeEventsimsFieldsAndMethodsAndStatuses() {
            assertThat(events).allSatisfy(e -> {
                assertThat(e.json().get("userId").isTextual()).isTrue();
                assertThat(e.json().get("method").asText()).isIn("GET", "PUT");
                int status = e.json().get("status").asInt();
                assertThat(status).isIn(e.page().equals("Error") ? List.of(404) : List.of(200, 307));
            });
            assertThat(events).filteredOn(e -> e.page().equals("NextSong"))
                    .allSatisfy(e -> assertThat(e.json().get("method").asText()).isEqualTo("PUT"));
        }
    }

    @Nested
    class Sessions {
        @Test
        void sessions_numberTheirEventsFromZeroInTimeOrder() {
            sessions.forEach((id, session) -> {
                assertThat(session).extracting(EventsReference.Event::item)
                        .as("session %d", id)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, session.size()).boxed().toList());
                assertThat(session).extracting(EventsReference.Event::ts).isSorted();
            });
        }

        @Test
        void sessions_belongToOneUserOrToAGuest() {
            sessions.forEach((id, session) -> assertThat(session.stream().map(EventsReference.Event::userId)
                    .filter(user -> user != 0).distinct().count()).as("session %d", id).isLessThanOrEqualTo(1));
        }

        @Test
        void guests_browseAFewPagesWithoutAUserAtTheFreeLevel() {
            List<List<EventsReference.Event>> guestSessions = sessions.values().stream()
                    .filter(s -> s.getFirst().auth().equals("Guest")).toList();

            assertThat(guestSessions).hasSizeGreaterThan(10);
            assertThat(guestSessions).allSatisfy(session -> assertThat(session).allSatisfy(e -> {
                assertThat(e.auth()).isEqualTo("Guest");
                assertThat(e.userId()).isZero();
                assertThat(e.level()).isEqualTo("free");
                assertThat(e.page()).isIn(GUEST_PAGES);
                assertThat(e.json().has("firstName")).isFalse();
            }));
        }

        @Test
        void loggedOutEvents_showNoUserAndALoginSignsTheSameUserBackIn() {
            List<EventsReference.Event> loggedOut = events.stream().filter(e -> e.auth().equals("Logged Out")).toList();

            assertThat(loggedOut).hasSizeGreaterThan(20)
                    .allSatisfy(e -> assertThat(e.json().get("userId").asText()).isEmpty());
            int logins = 0;
            for (List<EventsReference.Event> session : sessions.values()) {
                Set<Long> users = session.stream().map(EventsReference.Event::userId).filter(u -> u != 0)
                        .collect(Collectors.toSet());
                for (int i = 0; i + 1 < session.size(); i++) {
                    if (session.get(i).page().equals("Login")) {
                        logins++;
                        assertThat(session.get(i).auth()).isEqualTo("Logged Out");
                        assertThat(session.get(i + 1).auth()).isEqualTo("Logged In");
                        assertThat(users).containsExactly(session.get(i + 1).userId());
                    }
                    if (session.get(i).page().equals("Logout")) {
                        assertThat(session.get(i).auth()).isEqualTo("Logged In");
                        assertThat(session.get(i + 1).auth()).isEqualTo("Logged Out");
                    }
                }
            }
            assertThat(logins).isPositive();
        }

        @Test
        void levels_changeOnlyAfterASubmitAndCarryOverToTheUsersNextSession() {
            Map<Long, String> levelAfterLastSession = new HashMap<>();
            int upgrades = 0;
            int downgrades = 0;
            for (List<EventsReference.Event> session : sessions.values()) {
                long user = session.stream().mapToLong(EventsReference.Event::userId).max().orElse(0);
                if (user != 0 && levelAfterLastSession.containsKey(user)) {
                    assertThat(session.getFirst().level()).as("user %d's session %d", user, session.getFirst().sessionId())
                            .isEqualTo(levelAfterLastSession.get(user));
                }
                String level = session.getFirst().level();
                for (EventsReference.Event event : session) {
                    assertThat(event.level()).as("session %d item %d", event.sessionId(), event.item()).isEqualTo(level);
                    if (event.page().equals("Submit Upgrade")) {
                        assertThat(level).isEqualTo("free");
                        level = "paid";
                        upgrades++;
                    } else if (event.page().equals("Submit Downgrade")) {
                        assertThat(level).isEqualTo("paid");
                        level = "free";
                        downgrades++;
                    }
                }
                if (user != 0) {
                    levelAfterLastSession.put(user, level);
                }
            }
            assertThat(upgrades).isPositive();
            assertThat(downgrades).isPositive();
        }

        @Test
        void cancellations_endTheSessionAndTheUsersUseOfTheApp() {
            List<List<EventsReference.Event>> cancelled = sessions.values().stream()
                    .filter(s -> s.stream().anyMatch(e -> e.page().equals("Cancellation Confirmation"))).toList();

            assertThat(cancelled).isNotEmpty().allSatisfy(session -> {
                EventsReference.Event last = session.getLast();
                assertThat(last.page()).isEqualTo("Cancellation Confirmation");
                assertThat(last.auth()).isEqualTo("Cancelled");
                assertThat(session.get(session.size() - 2).page()).isEqualTo("Cancel");
                long user = last.userId();
                assertThat(user).isPositive();
                assertThat(events).filteredOn(e -> e.userId() == user && e.ts() > last.ts()).isEmpty();
            });
        }

        @Test
        void aUsersSessionsDoNotOverlap() {
            Map<Long, List<List<EventsReference.Event>>> byUser = new HashMap<>();
            sessions.values().forEach(s -> s.stream().mapToLong(EventsReference.Event::userId).max()
                    .ifPresent(user -> {
                        if (user != 0) {
                            byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(s);
                        }
                    }));

            byUser.forEach((user, list) -> {
                for (int i = 1; i < list.size(); i++) {
                    assertThat(list.get(i).getFirst().ts()).as("user %d", user)
                            .isGreaterThan(list.get(i - 1).getLast().ts());
                }
            });
        }
    }

    @Nested
    class SameUsersAndSongs {
        @Test
        void users_areThoseOfUsersCsvWithTheirNamesAndCountry() {
            assertThat(events).filteredOn(e -> e.userId() != 0).isNotEmpty().allSatisfy(e -> {
                List<String> row = usersById.get(e.userId());
                assertThat(row).as("user %d", e.userId()).isNotNull();
                if (e.json().has("firstName")) {
                    assertThat(row.get(1)).contains(e.text("firstName"), e.text("lastName"));
                    assertThat(e.text("location")).isEqualTo(row.get(3));
                    LocalDate registered = Instant.ofEpochMilli(e.json().get("registration").asLong())
                            .atZone(ZoneOffset.UTC).toLocalDate();
                    assertThat(registered.toString()).isEqualTo(row.get(4));
                    assertThat(e.text("gender")).isIn("F", "M");
                }
            });
        }

        @Test
        void songPlays_nameSongsOfSongsCsvWithTheirLength() {
            Map<List<String>, Set<String>> durations = new HashMap<>();
            songs.forEach(s -> durations.computeIfAbsent(List.of(s.get(1), s.get(3)), k -> new java.util.HashSet<>()).add(s.get(5)));
            List<EventsReference.Event> plays = events.stream().filter(e -> e.page().equals("NextSong")).toList();

            assertThat(plays.size()).as("most events are songs").isGreaterThan(events.size() * 7 / 10);
            assertThat(plays).allSatisfy(e -> {
                Set<String> known = durations.get(List.of(e.text("artist"), e.text("song")));
                assertThat(known).as("%s / %s", e.text("artist"), e.text("song")).isNotNull();
                long ms = Math.round(e.json().get("length").doubleValue() * 1000);
                assertThat(known).contains(Long.toString(ms));
            });
        }

        /** Only sessions that would outrun the last day hurry (skip songs), so the log stops with the days. */
        @Test
        void theNextEventAfterASong_comesWhenTheSongEnds() {
            long lastDay = LocalDate.of(2024, 6, 26).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            int onTime = 0;
            int hurried = 0;
            for (List<EventsReference.Event> session : sessions.values()) {
                for (int i = 0; i + 1 < session.size(); i++) {
                    EventsReference.Event event = session.get(i);
                    if (event.page().equals("NextSong")) {
                        long ms = Math.round(event.json().get("length").doubleValue() * 1000);
                        long gap = session.get(i + 1).ts() - event.ts();
                        if (gap == ms) {
                            onTime++;
                        } else {
                            assertThat(gap).isLessThan(ms);
                            assertThat(session.getLast().ts()).isGreaterThan(lastDay);
                            hurried++;
                        }
                    }
                }
            }
            assertThat(onTime).isGreaterThan(20_000);
            assertThat(hurried).as("songs skipped in the sessions cut by the end of 3 days").isLessThan(onTime / 20);
        }
    }

    @Test
    void pages_coverTheAppsJourneys() {
        Map<String, Long> perPage = events.stream().collect(groupingBy(EventsReference.Event::page, counting()));

        assertThat(perPage).containsKeys("Home", "NextSong", "Thumbs Up", "Thumbs Down", "Add to Playlist", "Add Friend",
                "Roll Advert", "Settings", "Save Settings", "Help", "About", "Upgrade", "Submit Upgrade", "Downgrade",
                "Submit Downgrade", "Error", "Logout", "Login", "Cancel", "Cancellation Confirmation", "Register",
                "Submit Registration");
        assertThat(events.stream().map(EventsReference.Event::auth).distinct())
                .containsExactlyInAnyOrder("Logged In", "Logged Out", "Guest", "Cancelled");
    }
}
