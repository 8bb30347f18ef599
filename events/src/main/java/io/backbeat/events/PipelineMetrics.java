package io.backbeat.events;

/**
 * The names of the pipeline's own CloudWatch metrics: the row counts of every stage run, which the functions
 * publish in the embedded metric format (through Powertools Metrics) and the CDK stack alarms on and graphs. One
 * set of names for both sides, so they cannot drift apart.
 *
 * <p>Each metric has exactly one dimension set, {@value #FUNCTION_NAME} and {@value #STAGE}; a metric with any
 * other dimension (Powertools' default {@code Service}, say) is a different metric to CloudWatch.
 *
 * <pre>{@code
 * Metric rowsIn = Metric.Builder.create()
 *         .namespace(PipelineMetrics.NAMESPACE).metricName(PipelineMetrics.ROWS_IN)
 *         .dimensionsMap(Map.of(PipelineMetrics.FUNCTION_NAME, validate.getFunctionName(),
 *                 PipelineMetrics.STAGE, Stage.VALIDATE.id()))
 *         .statistic("Sum").build();
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

    private PipelineMetrics() {}
}
