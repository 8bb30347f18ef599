package io.backbeat.events;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The row-count metrics of a finished stage, in CloudWatch's embedded metric format (EMF): a function
 * prints {@link #embeddedMetricLine} as one line on stdout and CloudWatch Logs turns it into metrics, with
 * no API call and no metric filter. The CDK stack alarms on the rejected-row ratio of validate from these
 * names, so the two cannot drift apart.
 *
 * <pre>{@code
 * // in StageRunner, next to the "stage finished" log line (stdout, not through the logger, whose
 * // prefix would break the JSON):
 * System.out.println(PipelineMetrics.embeddedMetricLine(context.getFunctionName(), Stage.VALIDATE,
 *         result.rowsIn(), result.rowsValid(), result.rowsRejected(), Instant.now()));
 * }</pre>
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class PipelineMetrics {
    /** CloudWatch namespace of the pipeline's own metrics. */
    public static final String NAMESPACE = "Backbeat";
    /** Dimension: the Lambda function name, which tells two deployments (stages) in one account apart. */
    public static final String FUNCTION_NAME = "FunctionName";
    /** Dimension: the {@link Stage#id()}. */
    public static final String STAGE = "Stage";
    /** Rows read from the object (Count). */
    public static final String ROWS_IN = "RowsIn";
    /** Rows passed on to the next zone (Count). */
    public static final String ROWS_VALID = "RowsValid";
    /** Rows written to the quarantine (Count). */
    public static final String ROWS_REJECTED = "RowsRejected";

    private static final Pattern FUNCTION_NAME_TEXT = Pattern.compile("[A-Za-z0-9_-]{1,140}");

    private PipelineMetrics() {}

    /**
     * One EMF log line with the three row counts of a stage run, dimensioned by function name and stage.
     *
     * @throws IllegalArgumentException when {@code functionName} is not a Lambda function name or a count is negative
     */
    public static String embeddedMetricLine(String functionName, Stage stage, long rowsIn, long rowsValid, long rowsRejected,
            Instant at) {
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (functionName == null || !FUNCTION_NAME_TEXT.matcher(functionName).matches()) {
            throw new IllegalArgumentException("functionName must be a Lambda function name ([A-Za-z0-9_-], at most 140"
                    + " characters), got '" + functionName + "'");
        }
        if (rowsIn < 0 || rowsValid < 0 || rowsRejected < 0) {
            throw new IllegalArgumentException("row counts must not be negative, got rows_in=" + rowsIn + " rows_valid="
                    + rowsValid + " rows_rejected=" + rowsRejected);
        }
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"" + FUNCTION_NAME + "\",\"" + STAGE + "\"]],\"Metrics\":["
                + metric(ROWS_IN) + "," + metric(ROWS_VALID) + "," + metric(ROWS_REJECTED) + "]}]},"
                + "\"" + FUNCTION_NAME + "\":\"" + functionName + "\",\"" + STAGE + "\":\"" + stage.id() + "\","
                + "\"" + ROWS_IN + "\":" + rowsIn + ",\"" + ROWS_VALID + "\":" + rowsValid + ",\"" + ROWS_REJECTED + "\":"
                + rowsRejected + "}";
    }

    private static String metric(String name) {
        return "{\"Name\":\"" + name + "\",\"Unit\":\"Count\"}";
    }
}
