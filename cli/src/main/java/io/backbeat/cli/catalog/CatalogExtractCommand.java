package io.backbeat.cli.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.cli.DirectoryObjectStore;
import io.backbeat.cli.Terminal;
import io.backbeat.functions.extract.ArtistFailure;
import io.backbeat.functions.extract.ArtistIds;
import io.backbeat.functions.extract.AuthenticationException;
import io.backbeat.functions.extract.CatalogEndpoints;
import io.backbeat.functions.extract.CatalogExtraction;
import io.backbeat.functions.extract.CatalogKeys;
import io.backbeat.functions.extract.ClientSecret;
import io.backbeat.functions.extract.ExtractionProgress;
import io.backbeat.functions.extract.ExtractionSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backbeat catalog extract}: the catalogue of a list of artists, fetched with the client-credentials flow into
 * {@code DIR/raw/catalog/<run id>/catalog-<run id>.ndjson.gz}, laid out like the landing bucket.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Fetches the artists listed in FILE from the Spotify Web API, every album and single of each, and every"
                    + " album's tracks, and writes the responses, one JSON line each, to"
                    + " DIR/raw/catalog/<run id>/catalog-<run id>.ndjson.gz (the catalog dataset's input).",
            "FILE has one artist a line: an id, a spotify:artist: URI or an open.spotify.com link; blank lines, lines"
                    + " starting with # and repeated ids are ignored.",
            "The client id and secret of your Spotify app are read from the environment variables "
                    + CatalogExtractCommand.CLIENT_ID + " and " + CatalogExtractCommand.CLIENT_SECRET
                    + " (never from the command line). HTTP 429 answers are waited out for as long as Retry-After says;"
                    + " server errors are retried with backoff.",
            "Progress is drawn on the terminal (stderr); failed artists are listed on stderr; the last line on stdout"
                    + " is a JSON summary: run_id, artists, albums, tracks (distinct ids fetched), requests (API requests,"
                    + " retries included, token requests not), retries_429, token_refreshes, failed_artists, failures"
                    + " (id and reason) and files."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every artist was fetched",
            "1:some artists failed (unknown ids, errors; see failures in the summary)",
            "2:authentication failed (no API request was made)",
            "64:the command line or the environment is wrong"
        },
        footer = {
            "",
            "Examples:",
            "  export SPOTIFY_CLIENT_ID=<client id> SPOTIFY_CLIENT_SECRET=<client secret>",
            "  backbeat catalog extract --artist-ids artists.txt --out out/catalog",
            "  backbeat check --dataset catalog out/catalog/raw/catalog/*/catalog-*.ndjson.gz",
            "  backbeat catalog extract --artist-ids artists.txt --out out/catalog \\",
            "      --api-base http://localhost:8080 \\",
            "      --token-url http://localhost:8080/api/token"
        })
final class CatalogExtractCommand implements Callable<Integer> {
    static final String CLIENT_ID = "SPOTIFY_CLIENT_ID";
    static final String CLIENT_SECRET = "SPOTIFY_CLIENT_SECRET";
    static final int SOME_FAILED = 1;
    static final int AUTHENTICATION_FAILED = 2;
    /** As {@code Backbeat.USAGE_ERROR}. */
    static final int USAGE_ERROR = 64;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--artist-ids", paramLabel = "FILE", required = true, description = "the artists, one a line")
    Path artistIds;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "where the file goes, laid out like the bucket: DIR/raw/catalog/<run id>/")
    Path out;

    @Option(names = "--api-base", paramLabel = "URL", defaultValue = CatalogEndpoints.SPOTIFY_API_BASE,
            description = "the Web API (default: ${DEFAULT-VALUE}); a stand-in's for tests")
    String apiBase;

    @Option(names = "--token-url", paramLabel = "URL", defaultValue = CatalogEndpoints.SPOTIFY_TOKEN_URL,
            description = "the client-credentials token endpoint (default: ${DEFAULT-VALUE})")
    String tokenUrl;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "the run's folder and file name (default: the UTC start time, e.g. 20261203T040000Z)")
    String runId;

    /** Where the credentials come from; tests give their own. */
    Map<String, String> environment = System.getenv();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!Files.isRegularFile(artistIds) || !Files.isReadable(artistIds)) {
            stderr.println("error: --artist-ids " + artistIds + " is not a readable file");
            return USAGE_ERROR;
        }
        ClientSecret secret = secret();
        CatalogEndpoints endpoints;
        try {
            endpoints = CatalogEndpoints.of(apiBase, tokenUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--api-base and --token-url: " + e.getMessage());
        }
        String run = runId == null ? RUN_ID.format(clock.instant()) : runId;
        try {
            CatalogKeys.requireRunId(run);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--run-id: " + e.getMessage());
        }
        List<String> ids = ArtistIds.fromLines(Files.readAllLines(artistIds, StandardCharsets.UTF_8));
        if (ids.isEmpty()) {
            stderr.println("error: " + artistIds + " lists no artist (one id a line; blank lines and # comments are ignored)");
            return USAGE_ERROR;
        }

        TerminalExtractionProgress terminal = Terminal.isTerminal() ? new TerminalExtractionProgress(stderr) : null;
        ExtractionProgress progress = terminal == null ? ExtractionProgress.NONE : terminal;
        DirectoryObjectStore store = new DirectoryObjectStore(out);
        ExtractionSummary summary;
        try {
            summary = CatalogExtraction.create(endpoints, secret, progress)
                    .run(ids, Instant.MAX, store, CatalogKeys.runKey(run));
        } catch (AuthenticationException e) {
            stderr.println("error: " + e.getMessage() + " (" + CLIENT_ID + ", " + CLIENT_SECRET + ")");
            return AUTHENTICATION_FAILED;
        } finally {
            if (terminal != null) {
                terminal.clear();
            }
        }
        for (ArtistFailure failure : summary.failures()) {
            stderr.println("failed: " + failure.artistId() + ": " + failure.reason());
        }
        stderr.flush();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", run);
        json.putAll(summary.toJson());
        json.put("files", summary.file() == null ? List.of() : List.of(store.pathOf(summary.file()).toString()));
        stdout.println(JSON.writeValueAsString(json));
        stdout.flush();
        return summary.failures().isEmpty() ? 0 : SOME_FAILED;
    }

    private ClientSecret secret() {
        String id = environment.get(CLIENT_ID);
        String secret = environment.get(CLIENT_SECRET);
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new ParameterException(spec.commandLine(), "set " + CLIENT_ID + " and " + CLIENT_SECRET + " to the client id"
                    + " and secret of your Spotify app (developer dashboard, app settings; see docs/catalog.md)");
        }
        return new ClientSecret(id.strip(), secret.strip());
    }
}
