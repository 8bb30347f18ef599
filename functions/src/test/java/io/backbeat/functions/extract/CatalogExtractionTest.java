package io.backbeat.functions.extract;

import static io.backbeat.functions.extract.FakeCatalogApi.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.functions.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CatalogExtractionTest {
    /** The jitter's seed: {@code -Dbackbeat.seed=N} replays a run. */
    static final long SEED = Long.getLong("backbeat.seed", System.nanoTime());
    static final Instant START = Instant.parse("2026-12-03T04:00:00Z");
    static final String KEY = CatalogKeys.runKey("run-1");
    static final ClientSecret SECRET = new ClientSecret(FakeCatalogApi.CLIENT_ID, FakeCatalogApi.CLIENT_SECRET);
    private static final Logger LOG = LoggerFactory.getLogger(CatalogExtractionTest.class);

    static final String A1 = id('A', 1);
    static final String A2 = id('A', 2);
    static final String A3 = id('A', 3);
    static final String B1 = id('B', 1);
    static final String B2 = id('B', 2);
    static final String B3 = id('B', 3);
    static final String B4 = id('B', 4);

    final MutableClock clock = new MutableClock(START);
    final List<Duration> sleeps = new ArrayList<>();
    final MemoryObjectStore store = new MemoryObjectStore();
    FakeCatalogApi api;

    @BeforeAll
    static void logSeed() {
        LOG.info("backoff jitter seed {} (replay with -Dbackbeat.seed={})", SEED, SEED);
    }

    @BeforeEach
    void startApi() throws Exception {
        api = FakeCatalogApi.start(clock);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    CatalogExtraction extraction(ClientSecret secret) {
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
        return new CatalogExtraction(api.endpoints(), secret, CatalogExtraction.httpClient(), clock, sleeper,
                Backoff.withDefaults(new SplittableRandom(SEED)), ExtractionProgress.NONE);
    }

    ExtractionSummary run(String... ids) throws Exception {
        return run(Instant.MAX, ids);
    }

    ExtractionSummary run(Instant deadline, String... ids) throws Exception {
        return extraction(SECRET).run(List.of(ids), deadline, store, KEY);
    }

    List<JsonNode> lines() {
        return CatalogFile.lines(store.bytes(KEY));
    }

    List<String> requests() {
        return lines().stream().map(line -> line.get("request").asText()).toList();
    }

    List<String> apiRequestsTo(String pathStart) {
        return api.apiRequests().stream().map(FakeCatalogApi.Seen::request).filter(r -> r.startsWith("GET " + pathStart)).toList();
    }

    static String albumsOf(String artist) {
        return "GET /v1/artists/" + artist + "/albums?include_groups=album,single&limit=50&offset=0";
    }

    @Nested
    class KnownAnswers {

        @BeforeEach
        void catalogue() {
            api.artist(A1, "Radiohead", "alternative rock", "art rock").artist(A2, "Portishead", "trip hop")
                    .album(B1, "OK Computer", 3, A1)
                    .album(B2, "Collaboration", 7, A1, A2)
                    .album(B3, "Airbag", 2, A1)
                    .album(B4, "Dummy", 1, A2)
                    .pageLimit(2)
                    .embeddedTracks(5);
        }

        @Test
        void run_writesEveryResponseOnceInRequestOrder() throws Exception {
            run(A1, A2);

            assertThat(lines()).extracting(line -> line.get("kind").asText())
                    .containsExactly("artists", "artist_albums", "artist_albums", "artist_albums", "albums", "album_tracks");
            assertThat(requests()).containsExactly(
                    "GET /v1/artists?ids=" + A1 + "," + A2,
                    albumsOf(A1),
                    "GET /v1/artists/" + A1 + "/albums?offset=2&limit=2&include_groups=album,single",
                    albumsOf(A2),
                    "GET /v1/albums?ids=" + B1 + "," + B2 + "," + B3 + "," + B4,
                    "GET /v1/albums/" + B2 + "/tracks?limit=50&offset=5");
        }

        @Test
        void run_writesTheBodiesAsServed() throws Exception {
            run(A1, A2);

            List<FakeCatalogApi.Seen> served = api.served();
            List<JsonNode> lines = lines();
            assertThat(lines).hasSameSizeAs(served);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i).get("request").asText()).isEqualTo(served.get(i).request());
                assertThat(lines.get(i).get("status").asInt()).isEqualTo(200);
                assertThat(lines.get(i).get("body")).isEqualTo(CatalogFile.json(served.get(i).body()));
            }
        }

        @Test
        void run_writesOneLineOfFiveFieldsPerResponse() throws Exception {
            run(A1, A2);

            String first = CatalogFile.text(store.bytes(KEY)).lines().findFirst().orElseThrow();
            assertThat(first).startsWith("{\"requested_at\":\"2026-12-03T04:00:00.000Z\",\"kind\":\"artists\","
                    + "\"request\":\"GET /v1/artists?ids=" + A1 + "," + A2 + "\",\"status\":200,\"body\":{\"artists\":[{");
            assertThat(lines()).allSatisfy(line ->
                    assertThat(line.properties()).extracting(java.util.Map.Entry::getKey)
                            .containsExactly("requested_at", "kind", "request", "status", "body"));
        }

        @Test
        void run_countsDistinctArtistsAlbumsAndTracks() throws Exception {
            ExtractionSummary summary = run(A1, A2, A1);

            assertThat(summary.artistsRequested()).isEqualTo(2);
            assertThat(summary.artists()).isEqualTo(2);
            assertThat(summary.albums()).isEqualTo(4);
            assertThat(summary.tracks()).isEqualTo(3 + 7 + 2 + 1);
            assertThat(summary.requests()).isEqualTo(6);
            assertThat(summary.lines()).isEqualTo(6);
            assertThat(summary.retries429()).isZero();
            assertThat(summary.retriesTransient()).isZero();
            assertThat(summary.tokenRefreshes()).isZero();
            assertThat(summary.failures()).isEmpty();
            assertThat(summary.file()).isEqualTo(KEY);
            assertThat(api.tokenRequests()).isEqualTo(1);
        }

        @Test
        void run_fetchesTheTracksPastTheEmbeddedPage() throws Exception {
            run(A1, A2);

            List<String> tracksOfB2 = new ArrayList<>();
            lines().stream().filter(line -> line.get("kind").asText().equals("albums"))
                    .flatMap(line -> java.util.stream.StreamSupport.stream(line.at("/body/albums").spliterator(), false))
                    .filter(album -> album.get("id").asText().equals(B2))
                    .forEach(album -> album.at("/tracks/items").forEach(track -> tracksOfB2.add(track.get("id").asText())));
            lines().stream().filter(line -> line.get("request").asText().startsWith("GET /v1/albums/" + B2 + "/tracks"))
                    .forEach(line -> line.at("/body/items").forEach(track -> tracksOfB2.add(track.get("id").asText())));
            assertThat(tracksOfB2).containsExactlyElementsOf(api.trackIds(B2));
        }
    }

    @Nested
    class Paging {

        @Test
        void anArtistWith120Albums_isFollowedThroughNextAndItsAlbumsFetchedInTwenties() throws Exception {
            api.artist(A1, "Prolific");
            IntStream.rangeClosed(1, 120).forEach(n -> api.album(id('B', n), "Album " + n, 1, A1));

            ExtractionSummary summary = run(A1);

            assertThat(apiRequestsTo("/v1/artists/" + A1 + "/albums")).containsExactly(
                    albumsOf(A1),
                    "GET /v1/artists/" + A1 + "/albums?offset=50&limit=50&include_groups=album,single",
                    "GET /v1/artists/" + A1 + "/albums?offset=100&limit=50&include_groups=album,single");
            assertThat(apiRequestsTo("/v1/albums?ids=")).hasSize(6)
                    .allSatisfy(request -> assertThat(request.split(",")).hasSize(20));
            assertThat(summary.albums()).isEqualTo(120);
            assertThat(summary.tracks()).isEqualTo(120);
            assertThat(summary.requests()).isEqualTo(1 + 3 + 6);
        }

        @Test
        void fiftyOneArtists_areAskedForInTwoRequests() throws Exception {
            String[] ids = IntStream.rangeClosed(1, 51).mapToObj(n -> id('A', n)).toArray(String[]::new);
            for (String artist : ids) {
                api.artist(artist, "Artist " + artist);
            }

            ExtractionSummary summary = run(ids);

            assertThat(apiRequestsTo("/v1/artists?ids=")).extracting(request -> request.split(",").length)
                    .containsExactly(50, 1);
            assertThat(summary.artists()).isEqualTo(51);
            assertThat(summary.requests()).isEqualTo(2 + 51);
        }

        @Test
        void anAlbumOf120Tracks_getsTwoMorePagesAfterItsEmbeddedFifty() throws Exception {
            api.artist(A1, "Long").album(B1, "Box set", 120, A1);

            ExtractionSummary summary = run(A1);

            assertThat(apiRequestsTo("/v1/albums/" + B1 + "/tracks")).containsExactly(
                    "GET /v1/albums/" + B1 + "/tracks?limit=50&offset=50",
                    "GET /v1/albums/" + B1 + "/tracks?offset=100&limit=50");
            assertThat(summary.tracks()).isEqualTo(120);
        }
    }

    @Nested
    class UnknownIds {

        @Test
        void anArtistTheApiReturnsAsNull_failsAndIsNotAskedForAlbums() throws Exception {
            api.artist(A1, "Known").album(B1, "One", 1, A1);

            ExtractionSummary summary = run(A1, A2);

            assertThat(summary.failures()).containsExactly(new ArtistFailure(A2, ExtractionRun.UNKNOWN_ARTIST));
            assertThat(apiRequestsTo("/v1/artists/" + A2)).isEmpty();
            assertThat(lines().get(0).at("/body/artists/1").isNull()).isTrue();
            assertThat(summary.artists()).isEqualTo(1);
            assertThat(summary.albums()).isEqualTo(1);
        }

        @Test
        void anArtistWhoseAlbumsAre404_failsAndTheRunGoesOn() throws Exception {
            api.artist(A1, "Gone").artist(A2, "Here").album(B1, "Here's", 2, A2).fail("/v1/artists/" + A1 + "/albums", -1, 404);

            ExtractionSummary summary = run(A1, A2);

            assertThat(summary.failures()).containsExactly(new ArtistFailure(A1,
                    albumsOf(A1) + " failed: HTTP 404 (Resource not found)"));
            assertThat(apiRequestsTo("/v1/artists/" + A1 + "/albums")).hasSize(1);
            assertThat(requests()).contains(albumsOf(A2), "GET /v1/albums?ids=" + B1);
            assertThat(summary.tracks()).isEqualTo(2);
        }

        @Test
        void aMalformedId_failsWithoutARequest() throws Exception {
            api.artist(A1, "Known");

            ExtractionSummary summary = run("not-an-id", A1);

            assertThat(summary.failures()).containsExactly(new ArtistFailure("not-an-id", ExtractionRun.NOT_AN_ID));
            assertThat(api.apiRequests()).noneMatch(request -> request.request().contains("not-an-id"));
        }

        @Test
        void aBatchAnswered400_isAskedForIdById() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").fail("/v1/artists?ids=" + A1 + ",", 1, 400);

            ExtractionSummary summary = run(A1, A2);

            assertThat(apiRequestsTo("/v1/artists?ids=")).containsExactly(
                    "GET /v1/artists?ids=" + A1 + "," + A2, "GET /v1/artists?ids=" + A1, "GET /v1/artists?ids=" + A2);
            assertThat(summary.failures()).isEmpty();
            assertThat(summary.artists()).isEqualTo(2);
        }

        @Test
        void onlyUnknownArtists_publishNothingButTheArtistsLine() throws Exception {
            ExtractionSummary summary = run(A1);

            assertThat(summary.failedArtists()).isEqualTo(1);
            assertThat(requests()).containsExactly("GET /v1/artists?ids=" + A1);
        }

        @Test
        void noValidId_makesNoRequestAndPublishesNoFile() throws Exception {
            ExtractionSummary summary = run("nope");

            assertThat(api.tokenRequests()).isZero();
            assertThat(api.apiRequests()).isEmpty();
            assertThat(summary.file()).isNull();
            assertThat(store.objects()).isEmpty();
        }
    }

    @Nested
    class RateLimited {

        @Test
        void retryAfter_isWaitedInFullBeforeTheRetry() throws Exception {
            api.artist(A1, "One").album(B1, "One", 1, A1).rateLimit("/v1/albums?ids=", 1, "7");

            ExtractionSummary summary = run(A1);

            assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
            List<FakeCatalogApi.Seen> albums = api.apiRequests().stream()
                    .filter(request -> request.request().startsWith("GET /v1/albums?ids=")).toList();
            assertThat(albums).extracting(FakeCatalogApi.Seen::status).containsExactly(429, 200);
            assertThat(Duration.between(albums.get(0).at(), albums.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
            assertThat(summary.retries429()).isEqualTo(1);
            assertThat(summary.requests()).isEqualTo(summary.lines() + 1);
            assertThat(requests()).containsOnlyOnce("GET /v1/albums?ids=" + B1);
            assertThat(summary.failures()).isEmpty();
        }

        @Test
        void aRetryAfterPastTheDeadline_failsWithoutWaiting() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").rateLimit("/v1/artists/" + A1 + "/albums", 1, "3600");

            ExtractionSummary summary = run(START.plus(Duration.ofMinutes(10)), A1, A2);

            assertThat(sleeps).isEmpty();
            assertThat(summary.failures()).extracting(ArtistFailure::artistId).containsExactly(A1, A2);
            assertThat(summary.failures()).allSatisfy(failure ->
                    assertThat(failure.reason()).contains("rate limited until past the deadline"));
        }

        @Test
        void aRequestRateLimitedAgainAndAgain_givesUpAfterTenWaits() throws Exception {
            api.artist(A1, "One").rateLimit("/v1/artists/" + A1 + "/albums", -1, "1");

            ExtractionSummary summary = run(A1);

            assertThat(sleeps).hasSize(Retries.DEFAULT_MAX_RATE_LIMITED).allSatisfy(wait ->
                    assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(summary.retries429()).isEqualTo(Retries.DEFAULT_MAX_RATE_LIMITED + 1);
            assertThat(summary.failures()).singleElement().extracting(ArtistFailure::reason).asString()
                    .endsWith("failed: HTTP 429 11 times (Retry-After 1 s the last time)");
        }
    }

    @Nested
    class Tokens {

        @Test
        void aShortLivedToken_isRefreshedBeforeItRunsOut() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").artist(A3, "Three")
                    .tokenLifetime(Duration.ofSeconds(60)).requestCost(Duration.ofSeconds(25));

            ExtractionSummary summary = run(A1, A2, A3);

            assertThat(summary.tokenRefreshes()).isEqualTo(1);
            assertThat(api.tokenRequests()).isEqualTo(2);
            assertThat(api.apiRequests()).extracting(FakeCatalogApi.Seen::status).containsOnly(200);
            List<String> tokens = api.tokensIssued();
            assertThat(api.apiRequests()).extracting(FakeCatalogApi.Seen::authorization).containsExactly(
                    "Bearer " + tokens.get(0), "Bearer " + tokens.get(0), "Bearer " + tokens.get(1), "Bearer " + tokens.get(1));
        }

        @Test
        void a401_fetchesANewTokenOnceAndRetries() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").revokeTokensAt("/v1/artists/" + A2 + "/albums");

            ExtractionSummary summary = run(A1, A2);

            assertThat(api.apiRequests().stream().filter(request -> request.request().equals(albumsOf(A2))))
                    .extracting(FakeCatalogApi.Seen::status).containsExactly(401, 200);
            assertThat(summary.tokenRefreshes()).isEqualTo(1);
            assertThat(api.tokenRequests()).isEqualTo(2);
            assertThat(requests()).containsOnlyOnce(albumsOf(A2));
            assertThat(summary.requests()).isEqualTo(summary.lines() + 1);
            assertThat(summary.failures()).isEmpty();
        }

        @Test
        void a401WithAFreshToken_failsThatArtistOnly() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").fail("/v1/artists/" + A1 + "/albums", -1, 401);

            ExtractionSummary summary = run(A1, A2);

            assertThat(apiRequestsTo("/v1/artists/" + A1 + "/albums")).hasSize(2);
            assertThat(summary.failures()).containsExactly(new ArtistFailure(A1,
                    albumsOf(A1) + " failed: HTTP 401 with a freshly fetched token (Invalid access token)"));
            assertThat(requests()).contains(albumsOf(A2));
        }

        @Test
        void wrongCredentials_failBeforeAnyApiRequestAndWriteNothing() {
            api.artist(A1, "One");
            ClientSecret wrong = new ClientSecret(FakeCatalogApi.CLIENT_ID, "wrong-secret");

            assertThatThrownBy(() -> extraction(wrong).run(List.of(A1), Instant.MAX, store, KEY))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("the token endpoint " + api.base() + "/api/token refused the client credentials: HTTP 400"
                            + " (invalid_client: Invalid client); check the client id and secret of the app");
            assertThat(api.apiRequests()).isEmpty();
            assertThat(store.objects()).isEmpty();
        }

        @Test
        void aTokenEndpointThatStaysDown_failsAuthenticationAfterTheBackoff() {
            api.artist(A1, "One").fail("/api/token", -1, 503);

            assertThatThrownBy(() -> run(A1))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("no access token from " + api.base() + "/api/token: POST " + api.base()
                            + "/api/token failed: HTTP 503 (5 attempts)");
            assertThat(api.tokenRequests()).isEqualTo(Backoff.DEFAULT_MAX_ATTEMPTS);
            assertThat(api.apiRequests()).isEmpty();
        }
    }

    @Nested
    class ServerErrors {

        @Test
        void a503ThatLasts_isRetriedWithBoundedJitteredBackoffThenFailsTheArtist() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").album(B1, "Two's", 1, A2).fail("/v1/artists/" + A1 + "/albums", -1, 503);

            ExtractionSummary summary = run(A1, A2);

            assertThat(apiRequestsTo("/v1/artists/" + A1 + "/albums")).hasSize(Backoff.DEFAULT_MAX_ATTEMPTS);
            assertThat(sleeps).hasSize(Backoff.DEFAULT_MAX_ATTEMPTS - 1);
            Backoff backoff = Backoff.withDefaults(new SplittableRandom(SEED));
            for (int failure = 1; failure < Backoff.DEFAULT_MAX_ATTEMPTS; failure++) {
                assertThat(sleeps.get(failure - 1)).as("delay after failure %d (seed %d)", failure, SEED)
                        .isBetween(Duration.ZERO, backoff.ceiling(failure));
            }
            assertThat(summary.retriesTransient()).isEqualTo(Backoff.DEFAULT_MAX_ATTEMPTS - 1);
            assertThat(summary.failures()).containsExactly(new ArtistFailure(A1, albumsOf(A1) + " failed: HTTP 503 (5 attempts)"));
            assertThat(requests()).contains(albumsOf(A2), "GET /v1/albums?ids=" + B1);
        }

        @Test
        void a500Once_isRetriedAndNothingFails() throws Exception {
            api.artist(A1, "One").album(B1, "One", 1, A1).fail("/v1/albums?ids=", 1, 500);

            ExtractionSummary summary = run(A1);

            assertThat(summary.retriesTransient()).isEqualTo(1);
            assertThat(summary.failures()).isEmpty();
            assertThat(requests()).containsOnlyOnce("GET /v1/albums?ids=" + B1);
        }

        @Test
        void aDroppedConnection_isRetried() throws Exception {
            api.artist(A1, "One").dropConnection("/v1/artists/" + A1 + "/albums", 2);

            ExtractionSummary summary = run(A1);

            // The JDK client itself resends a GET once when a pooled connection turns out closed; ours retries the rest.
            assertThat(apiRequestsTo("/v1/artists/" + A1 + "/albums")).hasSize(3);
            assertThat(summary.retriesTransient()).isBetween(1L, 2L);
            assertThat(summary.failures()).isEmpty();
            assertThat(requests()).containsOnlyOnce(albumsOf(A1));
        }
    }

    @Nested
    class PermanentFailures {

        @Test
        void a403ForOneArtist_isNotRetriedAndTheRunGoesOn() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").artist(A3, "Three").album(B3, "Three's", 1, A3)
                    .fail("/v1/artists/" + A2 + "/albums", -1, 403);

            ExtractionSummary summary = run(A1, A2, A3);

            assertThat(apiRequestsTo("/v1/artists/" + A2 + "/albums")).hasSize(1);
            assertThat(summary.failures()).containsExactly(new ArtistFailure(A2, albumsOf(A2) + " failed: HTTP 403 (Forbidden)"));
            assertThat(requests()).contains(albumsOf(A3), "GET /v1/albums?ids=" + B3);
        }

        @Test
        void anAlbumBatchThatGivesUp_failsTheArtistsWhoListedItsAlbums() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").artist(A3, "Three")
                    .album(B1, "Shared", 1, A1, A2).album(B2, "Own", 1, A1)
                    .fail("/v1/albums?ids=", -1, 502);

            ExtractionSummary summary = run(A1, A2, A3);

            assertThat(summary.failures()).extracting(ArtistFailure::artistId).containsExactly(A1, A2);
            assertThat(summary.failures()).allSatisfy(failure -> assertThat(failure.reason())
                    .isEqualTo("GET /v1/albums?ids=" + B1 + "," + B2 + " failed: HTTP 502 (5 attempts)"));
        }
    }

    @Nested
    class Deadline {

        @Test
        void artistsNotStartedBeforeTheDeadline_failAsNotReached() throws Exception {
            api.artist(A1, "One").artist(A2, "Two").artist(A3, "Three")
                    .album(B1, "One's", 1, A1).album(B2, "Two's", 1, A2).album(B3, "Three's", 1, A3)
                    .requestCost(Duration.ofSeconds(10));

            ExtractionSummary summary = run(START.plusSeconds(25), A1, A2, A3);

            assertThat(summary.failures()).containsExactly(new ArtistFailure(A3, ArtistFailure.NOT_REACHED));
            assertThat(requests()).containsExactly("GET /v1/artists?ids=" + A1 + "," + A2 + "," + A3, albumsOf(A1), albumsOf(A2),
                    "GET /v1/albums?ids=" + B1 + "," + B2);
            assertThat(summary.albums()).isEqualTo(2);
        }

        @Test
        void aDeadlineAlreadyPast_reachesNoArtist() throws Exception {
            api.artist(A1, "One");

            ExtractionSummary summary = run(START, A1, A2);

            assertThat(summary.failures()).extracting(ArtistFailure::reason).containsOnly(ArtistFailure.NOT_REACHED);
            assertThat(api.apiRequests()).isEmpty();
            assertThat(store.objects()).isEmpty();
        }
    }
}
