package io.backbeat.functions.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.S3ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Lambda entry point of extract: one batch of a Step Functions Distributed Map over the artist list.
 *
 * <pre>{@code
 * in:  {"Items": [{"artist_id": "4Z8W4fKeB5YxbusRsdQVPb"}, ...], "BatchInput": {"runId": "2026-12-03T04-00-00Z"}}
 * out: {"run_id": "...", "artists_requested": 2, "artists": 2, "albums": 31, "tracks": 402, "requests": 9,
 *       "retries_429": 0, "retries_transient": 0, "token_refreshes": 0, "lines": 9,
 *       "files": ["raw/catalog/<runId>/<first id>-<batch hash>.ndjson.gz"], "failed_artists": 0, "failures": []}
 * }</pre>
 *
 * It reads the client credentials from the secret ({@code BACKBEAT_CATALOG_SECRET_ARN}) on every invocation and
 * writes one file per batch, whose key depends only on the run and the batch, so a retried batch overwrites its
 * file. Artists not started {@link #DEADLINE_MARGIN} before the invocation's time runs out are reported failed
 * ({@link ArtistFailure#NOT_REACHED}). It throws (and Step Functions may retry the batch) when the credentials are
 * refused ({@link AuthenticationException}), the secret is unusable, or the file cannot be written.
 */
public final class ExtractHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Time kept after the last artist starts: its albums and tracks, then the upload. */
    static final Duration DEADLINE_MARGIN = Duration.ofMinutes(2);
    /** Lambda's longest invocation, when no context tells the time left. */
    static final Duration LONGEST_INVOCATION = Duration.ofMinutes(15);

    private final ObjectStore store;
    private final Supplier<ClientSecret> credentials;
    private final Function<ClientSecret, CatalogExtraction> extractions;
    private final Clock clock;

    /** Used by the Lambda runtime: clients are built once per container. */
    public ExtractHandler() {
        this(ExtractConfig.fromEnvironment(), AwsClients.s3(), AwsClients.secretsManager());
    }

    /** The same wiring with given clients (a local deployment's). */
    public ExtractHandler(ExtractConfig config, S3Client s3, SecretsManagerClient secretsManager) {
        this(config, s3, secretsManager, CatalogExtraction.httpClient());
    }

    private ExtractHandler(ExtractConfig config, S3Client s3, SecretsManagerClient secretsManager, HttpClient http) {
        this(new S3ObjectStore(s3, config.bucket()),
                new SecretCredentials(config.secretArn(),
                        arn -> secretsManager.getSecretValue(request -> request.secretId(arn)).secretString())::read,
                secret -> CatalogExtraction.create(config.endpoints(), secret, ExtractionProgress.NONE, http),
                Clock.systemUTC());
    }

    ExtractHandler(ObjectStore store, Supplier<ClientSecret> credentials,
            Function<ClientSecret, CatalogExtraction> extractions, Clock clock) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
        this.extractions = Objects.requireNonNull(extractions, "extractions must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        ExtractBatch batch = ExtractBatch.from(event);
        String key = CatalogKeys.batchKey(batch.runId(), batch.artistIds());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run_id", batch.runId());
        try {
            ExtractionSummary summary = extractions.apply(credentials.get())
                    .run(batch.artistIds(), deadline(context), store, key);
            result.putAll(summary.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + store.locate(key) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting into " + store.locate(key), e);
        }
        return result;
    }

    /** The time after which no artist starts: the invocation's end less the margin (half the time left, if short). */
    Instant deadline(Context context) {
        Duration left = context == null ? LONGEST_INVOCATION : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration margin = left.compareTo(DEADLINE_MARGIN.multipliedBy(2)) < 0 ? left.dividedBy(2) : DEADLINE_MARGIN;
        return clock.instant().plus(left).minus(margin);
    }
}
