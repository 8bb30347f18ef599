package io.backbeat.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.functions.stage.ObjectOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row counts validate publishes through Powertools Metrics, read back from stdout as CloudWatch Logs would read
 * them: the identity the CDK alarm and dashboard use (Operations), and nothing more.
 */
class RowCountMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "Backbeat-dev-Validate1A2B";
    private static final String CSV = "user_id,track_id,listen_time\n"
            + "1,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-25 10:00:00\n"
            + "2,4dBa8T7oDV9WvGr7kVS4Ez,2024-06-25 10:05:00\n"
            + "3,not-a-track,2024-06-25 10:10:00\n";
    private final IngestHarness harness = new IngestHarness();

    @BeforeAll
    static void environmentAsUnderLambda() {
        assertThat(System.getenv("AWS_EMF_ENVIRONMENT"))
                .as("AWS_EMF_ENVIRONMENT, set by functions/pom.xml's surefire configuration: run through Maven")
                .isEqualTo("Lambda");
        assertThat(System.getenv("POWERTOOLS_SERVICE_NAME"))
                .as("POWERTOOLS_SERVICE_NAME, set by functions/pom.xml's surefire configuration: run through Maven")
                .isNotBlank();
    }

    @Test
    void validate_publishesTheThreeRowCountsUnderFunctionNameAndStageOnly() {
        S3Event upload = harness.upload("raw/streams/metrics.csv", CSV.getBytes(StandardCharsets.UTF_8));

        Run run = capturingStdout(() -> harness.validate().handleRequest(upload, new LambdaContext(FUNCTION)));

        assertThat(run.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.rowsIn()).isEqualTo(3);
            assertThat(o.rowsValid()).isEqualTo(2);
            assertThat(o.rowsRejected()).isEqualTo(1);
        });
        assertThat(run.emfDocuments()).singleElement().satisfies(document -> {
            JsonNode directives = document.at("/_aws/CloudWatchMetrics");
            assertThat(directives.size()).isEqualTo(1);
            assertThat(directives.at("/0/Namespace").asText()).isEqualTo("Backbeat");
            assertThat(directives.at("/0/Dimensions")).isEqualTo(JSON.readTree("[[\"FunctionName\",\"Stage\"]]"));
            assertThat(units(directives.at("/0/Metrics")))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("RowsIn", "Count", "RowsValid", "Count", "RowsRejected", "Count"));
            assertThat(document.get("FunctionName").asText()).isEqualTo(FUNCTION);
            assertThat(document.get("Stage").asText()).isEqualTo("validate");
            assertThat(document.get("RowsIn").asDouble()).isEqualTo(3);
            assertThat(document.get("RowsValid").asDouble()).isEqualTo(2);
            assertThat(document.get("RowsRejected").asDouble()).isEqualTo(1);
            assertThat(document.has("Service")).as("a Service member, which Powertools would make a dimension").isFalse();
        });
    }

    @Test
    void validate_withoutLambdaContext_publishesNothing() {
        S3Event upload = harness.upload("raw/streams/local.csv", CSV.getBytes(StandardCharsets.UTF_8));

        Run run = capturingStdout(() -> harness.validate().handleRequest(upload, null));

        assertThat(run.outcomes()).singleElement().satisfies(o -> assertThat(o.rowsIn()).isEqualTo(3));
        assertThat(run.emfDocuments()).isEmpty();
    }

    @Test
    void validate_whenTheMetricsCannotBePublished_stillFinishesTheObjectAndWarns() {
        S3Event upload = harness.upload("raw/streams/unpublished.csv", CSV.getBytes(StandardCharsets.UTF_8));

        // Powertools refuses a dimension value with whitespace.
        Run run = capturingStdout(() -> harness.validate().handleRequest(upload, new LambdaContext("not a function name")));

        assertThat(run.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.PROCESSED);
            assertThat(o.rowsValid()).isEqualTo(2);
        });
        assertThat(harness.ledger(upload, Stage.VALIDATE).orElseThrow().status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(run.emfDocuments()).isEmpty();
        assertThat(run.stdout()).contains("row-count metrics not published: function=not a function name stage=validate");
    }

    private static Map<String, String> units(JsonNode metrics) {
        Map<String, String> units = new LinkedHashMap<>();
        metrics.forEach(metric -> units.put(metric.get("Name").asText(), metric.get("Unit").asText()));
        return units;
    }

    private record Run(List<ObjectOutcome> outcomes, String stdout) {
        /** The EMF documents among the lines (the test logger writes to stdout too). */
        List<JsonNode> emfDocuments() {
            return stdout.lines().filter(line -> line.startsWith("{")).map(RowCountMetricsTest::parse)
                    .filter(node -> node.has("_aws")).toList();
        }
    }

    private static Run capturingStdout(Supplier<List<ObjectOutcome>> handler) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<ObjectOutcome> outcomes = handler.get();
            return new Run(outcomes, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    /** The part of the Lambda context StageRunner reads: the function name and the time left. */
    private record LambdaContext(String functionName) implements Context {
        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public String getAwsRequestId() {
            return "c6af9ac6-7b61-11e6-9a41-93e812345678";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "2024/06/25/[$LATEST]0123456789abcdef";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
