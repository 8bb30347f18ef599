package io.backbeat.functions.extract;

import static io.backbeat.functions.extract.FakeCatalogApi.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExtractHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A1 = id('A', 1);
    private static final String A2 = id('A', 2);
    private static final Instant NOW = Instant.parse("2026-12-03T04:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final AtomicInteger secretReads = new AtomicInteger();
    private FakeCatalogApi api;
    private ExtractHandler handler;

    @BeforeEach
    void start() throws Exception {
        api = FakeCatalogApi.start(clock);
        api.artist(A1, "One").artist(A2, "Two").album(id('B', 1), "Shared", 3, A1, A2);
        handler = new ExtractHandler(store, () -> {
            secretReads.incrementAndGet();
            return new ClientSecret(FakeCatalogApi.CLIENT_ID, FakeCatalogApi.CLIENT_SECRET);
        }, secret -> new CatalogExtraction(api.endpoints(), secret, CatalogExtraction.httpClient(), clock, clock::advance,
                Backoff.withDefaults(new SplittableRandom(3)), ExtractionProgress.NONE), clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A Distributed Map batch over the artist list read as a headerless CSV with the column artist_id. */
    private static Map<String, Object> batch(String runId, String... lines) throws Exception {
        StringBuilder items = new StringBuilder();
        for (String line : lines) {
            items.append(items.isEmpty() ? "" : ",").append("{\"artist_id\":").append(JSON.writeValueAsString(line)).append('}');
        }
        return JSON.readValue("{\"Items\":[" + items + "],\"BatchInput\":{\"runId\":\"" + runId + "\"}}",
                new TypeReference<Map<String, Object>>() {});
    }

    @Test
    void aBatch_writesOneFileUnderTheRunAndReturnsTheSummary() throws Exception {
        Map<String, Object> result = handler.handleRequest(batch("2026-12-03T04-00Z", "# list", A1, "", A2, A1), null);

        String key = CatalogKeys.batchKey("2026-12-03T04-00Z", List.of(A1, A2));
        assertThat(store.objects()).containsOnlyKeys(key);
        assertThat(key).startsWith("raw/catalog/2026-12-03T04-00Z/" + A1 + "-").endsWith(".ndjson.gz");
        assertThat(result).containsEntry("run_id", "2026-12-03T04-00Z")
                .containsEntry("artists_requested", 2)
                .containsEntry("artists", 2)
                .containsEntry("albums", 1)
                .containsEntry("tracks", 3)
                .containsEntry("requests", 4L)
                .containsEntry("retries_429", 0L)
                .containsEntry("token_refreshes", 0L)
                .containsEntry("failed_artists", 0)
                .containsEntry("files", List.of(key));
        assertThat(CatalogFile.lines(store.bytes(key))).extracting(line -> line.get("kind").asText())
                .containsExactly("artists", "artist_albums", "artist_albums", "albums");
        assertThat(secretReads).hasValue(1);
    }

    @Test
    void theSameBatchAgain_overwritesItsFile() throws Exception {
        handler.handleRequest(batch("run-7", A1, A2), null);
        byte[] first = store.bytes(CatalogKeys.batchKey("run-7", List.of(A1, A2)));

        handler.handleRequest(batch("run-7", A1, A2), null);

        assertThat(store.objects()).hasSize(1);
        assertThat(store.bytes(CatalogKeys.batchKey("run-7", List.of(A1, A2)))).isEqualTo(first);
    }

    @Test
    void failedArtists_areReturnedWithTheirReasons() throws Exception {
        Map<String, Object> result = handler.handleRequest(batch("run-1", A1, id('A', 9)), null);

        assertThat(result).containsEntry("failed_artists", 1)
                .containsEntry("failures", List.of(Map.of("artist_id", id('A', 9), "reason", ExtractionRun.UNKNOWN_ARTIST)));
    }

    @Test
    void refusedCredentials_failTheInvocation() throws Exception {
        ExtractHandler refused = new ExtractHandler(store, () -> new ClientSecret("someone", "else"),
                secret -> new CatalogExtraction(api.endpoints(), secret, CatalogExtraction.httpClient(), clock, clock::advance,
                        Backoff.withDefaults(new SplittableRandom(3)), ExtractionProgress.NONE), clock);
        Map<String, Object> event = batch("run-1", A1);

        assertThatThrownBy(() -> refused.handleRequest(event, null)).isInstanceOf(AuthenticationException.class);
        assertThat(api.apiRequests()).isEmpty();
        assertThat(store.objects()).isEmpty();
    }

    @Test
    void theDeadline_leavesTheMarginOfTheTimeLeft() {
        assertThat(handler.deadline(contextWithMillisLeft(Duration.ofMinutes(15).toMillis()))).isEqualTo(NOW.plus(Duration.ofMinutes(13)));
        assertThat(handler.deadline(contextWithMillisLeft(Duration.ofMinutes(3).toMillis()))).isEqualTo(NOW.plus(Duration.ofSeconds(90)));
        assertThat(handler.deadline(null)).isEqualTo(NOW.plus(Duration.ofMinutes(13)));
    }

    @Nested
    class Events {

        @Test
        void anEventWithoutRunId_isRefusedNamingTheField() {
            Map<String, Object> event = Map.of("Items", List.of(Map.of("artist_id", A1)));

            assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the event has no BatchInput.runId: give the Distributed Map an ItemBatcher with BatchInput"
                            + " {\"runId\": ...}");
        }

        @Test
        void anEventWithoutItems_isRefused() {
            Map<String, Object> event = Map.of("BatchInput", Map.of("runId", "r"));

            assertThatThrownBy(() -> handler.handleRequest(event, null))
                    .hasMessage("the event has no Items list: run extract from a Distributed Map with an ItemBatcher");
        }

        @Test
        void anItemWithoutArtistId_isSkipped() {
            ExtractBatch batch = ExtractBatch.from(Map.of("Items", List.of(Map.of(), Map.of("artist_id", " " + A1 + " ")),
                    "BatchInput", Map.of("runId", "r")));

            assertThat(batch.artistIds()).containsExactly(A1);
        }
    }

    @Nested
    class Configuration {

        @Test
        void theEndpoints_areSpotifysUnlessSet() {
            ExtractConfig config = ExtractConfig.from(Map.of(EnvironmentVariables.LANDING_BUCKET, "landing",
                    EnvironmentVariables.CATALOG_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:catalog"));

            assertThat(config.endpoints()).isEqualTo(CatalogEndpoints.spotify());
            assertThat(config.endpoints().apiBase()).hasToString("https://api.spotify.com");
            assertThat(config.endpoints().tokenUrl()).hasToString("https://accounts.spotify.com/api/token");
        }

        @Test
        void theEndpoints_canPointAtAStandIn() {
            ExtractConfig config = ExtractConfig.from(Map.of(EnvironmentVariables.LANDING_BUCKET, "landing",
                    EnvironmentVariables.CATALOG_SECRET_ARN, "arn", EnvironmentVariables.CATALOG_API_BASE_URL, "http://localhost:9000",
                    EnvironmentVariables.CATALOG_TOKEN_URL, "http://localhost:9000/api/token"));

            assertThat(config.endpoints().apiBase()).hasToString("http://localhost:9000");
        }

        @Test
        void aMissingSecretArn_isNamed() {
            assertThatThrownBy(() -> ExtractConfig.from(Map.of(EnvironmentVariables.LANDING_BUCKET, "landing")))
                    .hasMessageStartingWith("environment variable BACKBEAT_CATALOG_SECRET_ARN is not set");
        }

        @Test
        void anApiBaseThatIsNoUrl_isNamed() {
            assertThatThrownBy(() -> ExtractConfig.from(Map.of(EnvironmentVariables.LANDING_BUCKET, "landing",
                    EnvironmentVariables.CATALOG_SECRET_ARN, "arn", EnvironmentVariables.CATALOG_API_BASE_URL, "ftp://x")))
                    .hasMessageContaining("BACKBEAT_CATALOG_API_BASE_URL")
                    .hasMessageContaining("apiBase must be an http or https URL with a host, got 'ftp://x'");
        }
    }

    @Nested
    class Secret {
        private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:catalog-AbCdEf";

        @Test
        void theSecretJson_givesTheCredentials() {
            ClientSecret secret = new SecretCredentials(ARN, arn -> "{\"client_id\":\"id-1\",\"client_secret\":\"sec-1\"}").read();

            assertThat(secret).isEqualTo(new ClientSecret("id-1", "sec-1"));
            assertThat(secret.toString()).doesNotContain("sec-1");
        }

        @Test
        void aSecretThatIsNotJson_isRefusedWithoutQuotingIt() {
            SecretCredentials credentials = new SecretCredentials(ARN, arn -> "id-1:sec-1-very-secret");

            assertThatThrownBy(credentials::read)
                    .hasMessage("the secret " + ARN + " is not JSON; set it to {\"client_id\":\"...\",\"client_secret\":\"...\"}"
                            + " with the id and secret of your app (docs/catalog.md)")
                    .hasNoCause();
        }

        @Test
        void aSecretWithoutItsSecret_isRefusedNamingTheField() {
            SecretCredentials credentials = new SecretCredentials(ARN, arn -> "{\"client_id\":\"id-1\"}");

            assertThatThrownBy(credentials::read).hasMessageStartingWith("the secret " + ARN + " has no client_secret;");
        }
    }

    private static Context contextWithMillisLeft(long millis) {
        return new Context() {
            @Override public String getAwsRequestId() { return "request"; }
            @Override public String getLogGroupName() { return null; }
            @Override public String getLogStreamName() { return null; }
            @Override public String getFunctionName() { return "extract"; }
            @Override public String getFunctionVersion() { return null; }
            @Override public String getInvokedFunctionArn() { return null; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return (int) millis; }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
