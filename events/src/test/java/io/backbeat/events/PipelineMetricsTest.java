package io.backbeat.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void embeddedMetricLine_isOneEmfDocumentWithTheThreeCounts() throws Exception {
        String line = PipelineMetrics.embeddedMetricLine("Backbeat-dev-Validate1A2B", Stage.VALIDATE, 100, 95, 5,
                Instant.parse("2024-06-25T10:00:00Z"));

        assertThat(line).doesNotContain("\n");
        JsonNode document = JSON.readTree(line);
        JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
        assertThat(document.at("/_aws/Timestamp").asLong()).isEqualTo(1719309600000L);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Backbeat");
        assertThat(directive.at("/Dimensions/0").toString()).isEqualTo("[\"FunctionName\",\"Stage\"]");
        assertThat(directive.get("Metrics").findValuesAsText("Name")).containsExactly("RowsIn", "RowsValid", "RowsRejected");
        assertThat(document.get("FunctionName").asText()).isEqualTo("Backbeat-dev-Validate1A2B");
        assertThat(document.get("Stage").asText()).isEqualTo("validate");
        assertThat(document.get("RowsIn").asLong()).isEqualTo(100);
        assertThat(document.get("RowsValid").asLong()).isEqualTo(95);
        assertThat(document.get("RowsRejected").asLong()).isEqualTo(5);
    }

    @Test
    void embeddedMetricLine_refusesTextThatIsNotAFunctionName() {
        assertThatThrownBy(() -> PipelineMetrics.embeddedMetricLine("a\"b", Stage.VALIDATE, 1, 1, 0, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("functionName must be a Lambda function name ([A-Za-z0-9_-], at most 140 characters), got 'a\"b'");
    }

    @Test
    void embeddedMetricLine_refusesNegativeCounts() {
        assertThatThrownBy(() -> PipelineMetrics.embeddedMetricLine("f", Stage.TRANSFORM, 1, 2, -1, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row counts must not be negative, got rows_in=1 rows_valid=2 rows_rejected=-1");
    }
}
