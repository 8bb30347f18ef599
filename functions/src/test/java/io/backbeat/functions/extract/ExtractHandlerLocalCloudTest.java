package io.backbeat.functions.extract;

import static io.backbeat.functions.extract.FakeCatalogApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.MutableClock;
import io.backbeat.localcloud.cloud.LocalCloud;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The function as the runtime wires it, with real SDK clients: the landing bucket on the local cloud's S3, the
 * secret from a stand-in for Secrets Manager's GetSecretValue, the API from the fake. Nothing is injected past
 * the public constructor.
 */
class ExtractHandlerLocalCloudTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:backbeat-catalog-AbCdEf";

    private final List<JsonNode> secretRequests = new ArrayList<>();
    private FakeCatalogApi api;
    private HttpServer secretsManager;

    @BeforeEach
    void start() throws Exception {
        api = FakeCatalogApi.start(new MutableClock(Instant.now()));
        secretsManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secretsManager.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            synchronized (secretRequests) {
                secretRequests.add(JSON.createObjectNode().put("target", exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                        .set("body", request));
            }
            String secret = "{\"client_id\":\"" + FakeCatalogApi.CLIENT_ID + "\",\"client_secret\":\"" + FakeCatalogApi.CLIENT_SECRET + "\"}";
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("ARN", SECRET_ARN).put("Name", "backbeat-catalog")
                    .put("SecretString", secret).put("VersionId", "v1"));
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        secretsManager.start();
    }

    @AfterEach
    void stop() {
        api.close();
        secretsManager.stop(0);
    }

    @Test
    void aBatch_landsInTheBucketWithTheCredentialsFromTheSecret() throws Exception {
        api.artist(id('A', 1), "One").album(id('B', 1), "One's", 3, id('A', 1));
        LocalCloud cloud = LocalCloud.shared();
        String bucket = cloud.createBucket("extract");
        ExtractConfig config = ExtractConfig.from(Map.of(
                EnvironmentVariables.LANDING_BUCKET, bucket,
                EnvironmentVariables.CATALOG_SECRET_ARN, SECRET_ARN,
                EnvironmentVariables.CATALOG_API_BASE_URL, api.base(),
                EnvironmentVariables.CATALOG_TOKEN_URL, api.endpoints().tokenUrl().toString()));
        SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://" + secretsManager.getAddress().getHostString() + ":"
                        + secretsManager.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        ExtractHandler handler = new ExtractHandler(config, cloud.s3Client(), secrets);

        Map<String, Object> result = handler.handleRequest(Map.of("Items", List.of(Map.of("artist_id", id('A', 1))),
                "BatchInput", Map.of("runId", "run-9")), null);

        String key = CatalogKeys.batchKey("run-9", List.of(id('A', 1)));
        assertThat(result).containsEntry("files", List.of(key)).containsEntry("tracks", 3).containsEntry("failed_artists", 0);
        byte[] object = cloud.s3Client().getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        assertThat(CatalogFile.lines(object)).extracting(line -> line.get("kind").asText())
                .containsExactly("artists", "artist_albums", "albums");
        assertThat(new String(object, StandardCharsets.ISO_8859_1)).doesNotContain(FakeCatalogApi.CLIENT_SECRET);
        assertThat(secretRequests).singleElement().satisfies(request -> {
            assertThat(request.get("target").asText()).isEqualTo("secretsmanager.GetSecretValue");
            assertThat(request.at("/body/SecretId").asText()).isEqualTo(SECRET_ARN);
        });
    }
}
