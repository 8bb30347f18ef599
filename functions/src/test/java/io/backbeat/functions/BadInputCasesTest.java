package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.functions.stage.ObjectOutcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code bad-input/} is one case: an input file and {@code expected.json}, the outcome
 * worked out by hand. Each input is uploaded to a local S3 bucket and driven through the real validate
 * and transform handlers by the S3 notifications they would receive.
 */
class BadInputCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IngestHarness HARNESS = new IngestHarness();

    @TempDir
    Path spill;

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = Path.of(BadInputCasesTest.class.getResource("/bad-input").toURI());
        try (Stream<Path> folders = Files.list(root)) {
            return folders.map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handlersReachTheExpectedOutcome(String name) throws Exception {
        Path folder = Path.of(BadInputCasesTest.class.getResource("/bad-input/" + name).toURI());
        JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
        String input = expected.get("input").asText();
        String rawKey = "raw/" + expected.get("dataset").asText() + "/cases/" + name + "/" + input;

        S3Event upload = HARNESS.upload(rawKey, Files.readAllBytes(folder.resolve(input)));
        List<ObjectOutcome> validated = HARNESS.validate().handleRequest(upload, null);

        ZoneKey raw = ZoneKey.parse(rawKey);
        LedgerItem validateEntry = HARNESS.ledger(upload, Stage.VALIDATE).orElseThrow();
        assertThat(validated).singleElement().satisfies(outcome -> assertThat(outcome.kind())
                .isEqualTo(expected.get("file_rejection").isNull() ? ObjectOutcome.Kind.PROCESSED : ObjectOutcome.Kind.REJECTED));
        if (!expected.get("file_rejection").isNull()) {
            assertFileRejection(expected, raw, validateEntry, validated.get(0));
            return;
        }
        assertThat(validateEntry.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        long rowsIn = expected.get("rows_in").asLong();
        assertThat(validateEntry.rowsIn()).as("rows_in").isEqualTo(rowsIn);
        assertRejects(raw.quarantineRejects(Stage.VALIDATE).key(), expected.get("rejects"));
        assertThat(validateEntry.rowsValid() + validateEntry.rowsRejected()).isEqualTo(rowsIn);
        if (expected.get("drift_columns").size() > 0) {
            JsonNode report = JSON.readTree(HARNESS.text(raw.quarantineReport(Stage.VALIDATE).key()));
            assertThat(report.get("drift_columns")).isEqualTo(expected.get("drift_columns"));
        }
        if (validateEntry.rowsValid() == 0) {
            assertThat(HARNESS.exists(raw.validated().key())).as("no validated object without valid rows").isFalse();
            assertThat(expected.get("rows_valid").asLong()).isZero();
            return;
        }

        S3Event validatedEvent = HARNESS.event(raw.validated().key());
        HARNESS.transform(spill).handleRequest(validatedEvent, null);

        LedgerItem transformEntry = HARNESS.ledger(validatedEvent, Stage.TRANSFORM).orElseThrow();
        assertThat(transformEntry.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(transformEntry.rowsIn()).isEqualTo(validateEntry.rowsValid());
        assertThat(transformEntry.rowsValid()).as("rows staged").isEqualTo(expected.get("rows_valid").asLong());
        assertThat(validateEntry.rowsRejected() + transformEntry.rowsRejected()).as("rows rejected in all")
                .isEqualTo(expected.get("rows_rejected").asLong());
        assertRejects(raw.quarantineRejects(Stage.TRANSFORM).key(), expected.get("duplicates"));
        List<List<String>> staged = HARNESS.compressedCsv(raw.validated().staged().key());
        assertThat(staged).hasSize((int) transformEntry.rowsValid() + 1);
        if (expected.has("staged")) {
            assertThat(staged.subList(1, staged.size())).isEqualTo(JSON.convertValue(expected.get("staged"), List.class));
        }
    }

    private static void assertFileRejection(JsonNode expected, ZoneKey raw, LedgerItem entry, ObjectOutcome outcome)
            throws IOException {
        String code = expected.get("file_rejection").asText();
        assertThat(entry.status()).isEqualTo(LedgerStatus.REJECTED);
        assertThat(entry.fileRejection()).startsWith(code + ": ").contains(expected.get("message_contains").asText());
        assertThat(entry.rowsValid()).isZero();
        assertThat(entry.rowsIn()).isEqualTo(entry.rowsRejected());
        if (expected.has("rows_in")) {
            assertThat(entry.rowsIn()).isEqualTo(expected.get("rows_in").asLong());
        }
        assertThat(outcome.detail()).startsWith(code + ": ");
        JsonNode report = JSON.readTree(HARNESS.text(raw.quarantineReport(Stage.VALIDATE).key()));
        assertThat(report.get("file_rejection").get("code").asText()).isEqualTo(code);
        assertThat(HARNESS.exists(raw.validated().key())).as("nothing passed on from a rejected file").isFalse();
        assertThat(HARNESS.exists(raw.quarantineRejects(Stage.VALIDATE).key())).isFalse();
    }

    private static void assertRejects(String key, JsonNode expectedRejects) {
        if (expectedRejects.isEmpty()) {
            assertThat(HARNESS.exists(key)).as(key + " must not exist").isFalse();
            return;
        }
        List<List<String>> rows = HARNESS.plainCsv(key);
        assertThat(rows.get(0)).containsExactly("line", "column", "reason", "message", "raw");
        List<String> actual = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < expectedRejects.size(); i++) {
            JsonNode reject = expectedRejects.get(i);
            List<String> row = rows.get(i + 1);
            actual.add(row.get(0) + "|" + (reject.has("column") ? row.get(1) : "*") + "|" + row.get(2));
            String column = !reject.has("column") ? "*" : reject.get("column").isNull() ? "" : reject.get("column").asText();
            wanted.add(reject.get("line").asText() + "|" + column + "|" + reject.get("reason").asText());
            if (reject.has("message_contains")) {
                assertThat(row.get(3)).contains(reject.get("message_contains").asText());
            }
            assertThat(row.get(4)).as("raw text of line " + row.get(0)).isNotEmpty();
        }
        assertThat(rows).hasSize(expectedRejects.size() + 1);
        assertThat(actual).isEqualTo(wanted);
    }
}
