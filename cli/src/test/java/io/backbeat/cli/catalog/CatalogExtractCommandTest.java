package io.backbeat.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.cli.Backbeat;
import io.backbeat.cli.CommandRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CatalogExtractCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANN = "artist0000000000000001";
    private static final String BOB = "artist0000000000000002";
    private static final String NOBODY = "artist0000000000000009";
    private static final Map<String, String> CREDENTIALS = Map.of(
            CatalogExtractCommand.CLIENT_ID, FakeSpotify.CLIENT_ID, CatalogExtractCommand.CLIENT_SECRET, FakeSpotify.CLIENT_SECRET);

    @TempDir
    Path temp;

    private FakeSpotify spotify;
    private Path artists;
    private Path out;

    @BeforeEach
    void start() throws IOException {
        spotify = new FakeSpotify(Set.of(ANN, BOB));
        artists = temp.resolve("artists.txt");
        out = temp.resolve("out");
    }

    @AfterEach
    void stop() {
        spotify.close();
    }

    private CommandRun extract(Map<String, String> environment, String... more) {
        CommandLine commandLine = Backbeat.commandLine();
        CatalogExtractCommand command = commandLine.getSubcommands().get("catalog").getSubcommands().get("extract").getCommand();
        command.environment = environment;
        List<String> args = new ArrayList<>(List.of("catalog", "extract", "--artist-ids", artists.toString(), "--out", out.toString(),
                "--api-base", spotify.base(), "--token-url", spotify.base() + "/api/token"));
        args.addAll(more.length == 0 ? List.of("--run-id", "test-run") : List.of(more));
        CommandRun run = CommandRun.in(commandLine, args.toArray(String[]::new));
        assertThat(run.out() + run.err()).doesNotContain(FakeSpotify.CLIENT_SECRET, FakeSpotify.TOKEN);
        return run;
    }

    private static JsonNode summary(CommandRun run) throws IOException {
        String[] lines = run.out().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }

    @Test
    void everyArtistFetched_exitsZeroWithTheFileAndTheSummary() throws IOException {
        Files.writeString(artists, "# two artists\n" + ANN + "\n\n  spotify:artist:" + BOB + "  \n" + ANN + "  # again\n");

        CommandRun run = extract(CREDENTIALS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path file = out.resolve("raw/catalog/test-run/catalog-test-run.ndjson.gz");
        JsonNode summary = summary(run);
        assertThat(summary.get("run_id").asText()).isEqualTo("test-run");
        assertThat(summary.get("artists").asInt()).isEqualTo(2);
        assertThat(summary.get("albums").asInt()).isEqualTo(1);
        assertThat(summary.get("tracks").asInt()).isEqualTo(2);
        assertThat(summary.get("requests").asInt()).isEqualTo(4);
        assertThat(summary.get("retries_429").asInt()).isZero();
        assertThat(summary.get("token_refreshes").asInt()).isZero();
        assertThat(summary.get("failed_artists").asInt()).isZero();
        assertThat(summary.get("files").get(0).asText()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(lines(file)).extracting(line -> line.get("kind").asText())
                .containsExactly("artists", "artist_albums", "artist_albums", "albums");
        assertThat(spotify.apiRequests()).first().isEqualTo("/v1/artists?ids=" + ANN + "," + BOB);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theFile_passesCheckAsTheCatalogDataset() throws IOException {
        Files.writeString(artists, ANN + "\n" + BOB + "\n");
        assertThat(extract(CREDENTIALS).exitCode()).isZero();

        CommandRun check = CommandRun.of("check", "--dataset", "catalog", "--out", temp.resolve("check").toString(),
                out.resolve("raw/catalog/test-run/catalog-test-run.ndjson.gz").toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        JsonNode result = JSON.readTree(check.out().strip());
        assertThat(result.get("rows_rejected").asInt()).isZero();
        assertThat(result.get("rows_valid").asInt()).isPositive();
    }

    @Test
    void anUnknownArtist_exitsOneAndIsReported() throws IOException {
        Files.writeString(artists, ANN + "\n" + NOBODY + "\n");

        CommandRun run = extract(CREDENTIALS);

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.SOME_FAILED);
        assertThat(run.err()).contains("failed: " + NOBODY + ": unknown to the API (null in GET /v1/artists)");
        JsonNode summary = summary(run);
        assertThat(summary.get("failed_artists").asInt()).isEqualTo(1);
        assertThat(summary.get("failures").get(0).get("artist_id").asText()).isEqualTo(NOBODY);
    }

    @Test
    void wrongCredentials_exitTwoWithoutAnyApiRequest() throws IOException {
        Files.writeString(artists, ANN + "\n");

        CommandRun run = extract(Map.of(CatalogExtractCommand.CLIENT_ID, FakeSpotify.CLIENT_ID,
                CatalogExtractCommand.CLIENT_SECRET, "not-the-secret"));

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.AUTHENTICATION_FAILED);
        assertThat(run.err()).contains("refused the client credentials: HTTP 400 (invalid_client: Invalid client)");
        assertThat(spotify.tokenRequests()).isEqualTo(1);
        assertThat(spotify.apiRequests()).isEmpty();
        assertThat(out.resolve("raw/catalog/test-run/catalog-test-run.ndjson.gz")).doesNotExist();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCredentialsInTheEnvironment_isAUsageError() throws IOException {
        Files.writeString(artists, ANN + "\n");

        CommandRun run = extract(Map.of());

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.USAGE_ERROR);
        assertThat(run.err()).contains("set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET");
        assertThat(spotify.tokenRequests()).isZero();
    }

    @Test
    void aMissingFile_isAUsageError() {
        CommandRun run = extract(CREDENTIALS);

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.USAGE_ERROR);
        assertThat(run.err()).contains("is not a readable file");
    }

    @Test
    void aFileWithoutArtists_isAUsageError() throws IOException {
        Files.writeString(artists, "# nothing yet\n\n");

        CommandRun run = extract(CREDENTIALS);

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.USAGE_ERROR);
        assertThat(run.err()).contains("lists no artist");
    }

    @Test
    void aRunIdThatIsNoKeySegment_isAUsageError() throws IOException {
        Files.writeString(artists, ANN + "\n");

        CommandRun run = extract(CREDENTIALS, "--run-id", "a/b");

        assertThat(run.exitCode()).isEqualTo(CatalogExtractCommand.USAGE_ERROR);
        assertThat(run.err()).contains("--run-id: runId must be");
    }

    @Test
    void help_showsTheExitCodesAndExamples() {
        CommandRun run = CommandRun.of("catalog", "extract", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--artist-ids=FILE", "SPOTIFY_CLIENT_SECRET", "Exit codes:", "authentication failed (no API request was made)",
                "backbeat catalog extract --artist-ids artists.txt --out out/catalog");
    }
}
