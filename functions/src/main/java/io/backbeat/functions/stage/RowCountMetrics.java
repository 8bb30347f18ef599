package io.backbeat.functions.stage;

import static io.backbeat.events.PipelineMetrics.FUNCTION_NAME;
import static io.backbeat.events.PipelineMetrics.NAMESPACE;
import static io.backbeat.events.PipelineMetrics.ROWS_IN;
import static io.backbeat.events.PipelineMetrics.ROWS_REJECTED;
import static io.backbeat.events.PipelineMetrics.ROWS_VALID;
import static io.backbeat.events.PipelineMetrics.STAGE;

import io.backbeat.events.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * Publishes the row counts of a stage run through Powertools Metrics, which writes them to stdout in CloudWatch's
 * embedded metric format; CloudWatch Logs turns that into the metrics the CDK stack's alarm and dashboard read
 * ({@link io.backbeat.events.PipelineMetrics}). Never throws: losing a data point must not fail a run whose rows
 * were processed and recorded.
 */
final class RowCountMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(RowCountMetrics.class);
    /**
     * The provider behind {@code MetricsFactory}, without its singleton: that one keeps a logger per X-Ray trace id
     * (one per invocation) until {@code flush()}, and its {@code flushMetrics} never removes it.
     */
    private static final MetricsProvider EMF = new EmfMetricsProvider();

    private RowCountMetrics() {}

    static void publish(String functionName, Stage stage, StageResult result) {
        try {
            Metrics metrics = EMF.getMetricsInstance();
            metrics.setNamespace(NAMESPACE);
            // Default dimensions, not addDimension: only they replace the EMF library's own (LogGroup, ServiceName,
            // ServiceType). And an instance from the provider, unlike MetricsFactory's, has no Service dimension from
            // POWERTOOLS_SERVICE_NAME. A metric with one more dimension is another metric, which the alarm never sees.
            metrics.setDefaultDimensions(DimensionSet.of(FUNCTION_NAME, functionName, STAGE, stage.id()));
            metrics.addMetric(ROWS_IN, result.rowsIn(), MetricUnit.COUNT);
            metrics.addMetric(ROWS_VALID, result.rowsValid(), MetricUnit.COUNT);
            metrics.addMetric(ROWS_REJECTED, result.rowsRejected(), MetricUnit.COUNT);
            metrics.flush();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a class missing from the deployment package must cost the data point, not the run.
            LOG.warn("row-count metrics not published: function={} stage={} reason={}", functionName, stage.id(), e.toString());
        }
    }
}
