package io.backbeat.functions.extract;

import static io.backbeat.functions.extract.FakeCatalogApi.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.backbeat.functions.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No secret and no access token in any output file, log line, summary or error message, on good runs and bad. */
class SecretsStayOutTest {
    private static final String A1 = id('A', 1);
    private static final String A2 = id('A', 2);
    private static final String A3 = id('A', 3);
    private static final String A4 = id('A', 4);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T04:00:00Z"));
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger backbeat = (Logger) LoggerFactory.getLogger("io.backbeat");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level backbeatLevel;
    private FakeCatalogApi api;

    @BeforeEach
    void captureLogs() throws Exception {
        backbeatLevel = backbeat.getLevel();
        backbeat.setLevel(Level.ALL);
        logs.start();
        root.addAppender(logs);
        api = FakeCatalogApi.start(clock);
    }

    @AfterEach
    void release() {
        api.close();
        root.detachAppender(logs);
        backbeat.setLevel(backbeatLevel);
    }

    private CatalogExtraction extraction(ClientSecret secret) {
        return new CatalogExtraction(api.endpoints(), secret, CatalogExtraction.httpClient(), clock, clock::advance,
                Backoff.withDefaults(new SplittableRandom(7)), ExtractionProgress.NONE);
    }

    @Test
    void noSecretNorTokenIsWrittenLoggedOrReported() throws Exception {
        api.artist(A1, "One").artist(A2, "Two").artist(A3, "Three").artist(A4, "Four")
                .album(id('B', 1), "One's", 60, A1)
                .tokenLifetime(Duration.ofSeconds(40)).requestCost(Duration.ofSeconds(15))
                .revokeTokensAt("/v1/artists/" + A2 + "/albums")
                .fail("/v1/artists/" + A3 + "/albums", -1, 503)
                .fail("/v1/artists/" + A4 + "/albums", -1, 401)
                .rateLimit("/v1/albums?ids=", 1, "3");
        ClientSecret secret = new ClientSecret(FakeCatalogApi.CLIENT_ID, FakeCatalogApi.CLIENT_SECRET);
        List<String> texts = new ArrayList<>();

        ExtractionSummary summary = extraction(secret).run(List.of(A1, A2, A3, A4, id('A', 9)), Instant.MAX, store, "raw/catalog/r/x.ndjson.gz");
        texts.add(CatalogFile.text(store.bytes("raw/catalog/r/x.ndjson.gz")));
        texts.add(summary.toJson().toString());
        Throwable refused = catchThrowable(() -> extraction(new ClientSecret(FakeCatalogApi.CLIENT_ID, "wrong" + FakeCatalogApi.CLIENT_SECRET))
                .run(List.of(A1), Instant.MAX, store, "raw/catalog/r/y.ndjson.gz"));
        texts.add(String.valueOf(refused));
        api.fail("/api/token", -1, 503);
        Throwable down = catchThrowable(() -> extraction(secret).run(List.of(A1), Instant.MAX, store, "raw/catalog/r/z.ndjson.gz"));
        texts.add(String.valueOf(down));
        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                texts.add(thrown.getClassName() + ": " + thrown.getMessage());
            }
        }

        assertThat(summary.tokenRefreshes()).as("the run refreshed its token").isPositive();
        assertThat(summary.retries429()).as("the run was rate limited").isPositive();
        assertThat(summary.failures()).as("the run had failures to report").hasSizeGreaterThanOrEqualTo(3);
        assertThat(refused).isInstanceOf(AuthenticationException.class);
        assertThat(down).isInstanceOf(AuthenticationException.class);
        assertThat(logs.list).as("the runs logged").isNotEmpty();
        List<String> forbidden = new ArrayList<>(List.of(FakeCatalogApi.CLIENT_SECRET, "Bearer", "Basic ",
                Base64.getEncoder().encodeToString((FakeCatalogApi.CLIENT_ID + ":" + FakeCatalogApi.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(api.tokensIssued()).hasSizeGreaterThanOrEqualTo(3);
        forbidden.addAll(api.tokensIssued());
        for (String text : texts) {
            for (String secretText : forbidden) {
                assertThat(text).doesNotContain(secretText);
            }
        }
    }
}
