package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import io.backbeat.events.PipelineMetrics;
import io.backbeat.events.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.IDeliveryStream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Alarms, their SNS topic and a dashboard: dead letters waiting; KPI refreshes failed, timed out or aborted; any
 * function error or throttle; S3 events Lambda dropped or could not deliver to the dead-letter queue;
 * validate's rejected-row ratio over a threshold; app events the delivery stream holds too long or throttles; and
 * catalogue extractions that failed, timed out or were aborted, or that finished with failed batches.
 * Subscribe to the topic (e-mail, chat) after deploying.
 *
 * <p>The row counts are the metrics named in {@link PipelineMetrics} (namespace {@value PipelineMetrics#NAMESPACE}),
 * which the functions write to their logs in the embedded metric format through Powertools Metrics; until validate has
 * processed an object the ratio alarm has no data and stays OK.
 */
public final class Operations extends Construct {
    private final Topic alarmTopic;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * @param functions the functions whose errors alarm
     * @param stateMachine the KPI refresh
     * @param refreshMonitor records the executions that end outside a Catch; its own failures alarm too
     * @param events the app events delivery stream
     * @param catalog the catalogue extraction: its state machine, its batches and its function
     * @param rejectedRowPercent validate's rejected rows, in percent of its rows in, above which the ratio alarms
     * @param eventsFreshness the age of the oldest event not yet in the bucket above which the stream alarms
     * @param period the period of every alarm
     */
    public record Props(IngestFunctions functions, IStateMachine stateMachine, RefreshMonitor refreshMonitor,
            IDeliveryStream events, CatalogExtraction catalog, double rejectedRowPercent, Duration eventsFreshness,
            Duration period) {
        public Props {
            Objects.requireNonNull(functions, "functions must not be null");
            Objects.requireNonNull(refreshMonitor, "refreshMonitor must not be null");
            Objects.requireNonNull(stateMachine, "stateMachine must not be null");
            Objects.requireNonNull(events, "events must not be null");
            Objects.requireNonNull(catalog, "catalog must not be null");
            Objects.requireNonNull(eventsFreshness, "eventsFreshness must not be null");
            Objects.requireNonNull(period, "period must not be null");
            if (rejectedRowPercent <= 0 || rejectedRowPercent > 100) {
                throw new IllegalArgumentException("rejectedRowPercent must be within (0, 100], got " + rejectedRowPercent);
            }
        }

        /**
         * Rejected rows above 5 %, app events older than 15 minutes still undelivered (Firehose's longest buffering
         * interval: the stream's own is 2 minutes), every alarm over 5 minutes.
         */
        public static Props of(IngestFunctions functions, IStateMachine stateMachine, RefreshMonitor refreshMonitor,
                IDeliveryStream events, CatalogExtraction catalog) {
            return new Props(functions, stateMachine, refreshMonitor, events, catalog, 5, Duration.minutes(15),
                    Duration.minutes(5));
        }
    }

    public Operations(Construct scope, String id, Props props) {
        super(scope, id);
        // A customer key, because CloudWatch may not use the AWS-managed aws/sns key to publish alarms.
        Key topicKey = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the Backbeat alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        topicKey.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Backbeat alarms")
                .masterKey(topicKey)
                .enforceSsl(true) // a Deny of any request without TLS (aws:SecureTransport false), for everyone
                .build();
        // CloudWatch publishes the alarms as its service principal, which needs a topic policy statement; the
        // aws:SourceAccount and aws:SourceArn conditions keep another account's alarms from using it (confused
        // deputy): https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
        alarmTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarmTopic.getTopicArn()))
                .conditions(sorted(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", Stack.of(this).formatArn(ArnComponents.builder()
                                .service("cloudwatch").resource("alarm").resourceName("*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))))
                .build());

        IQueue deadLetters = props.functions().deadLetters();
        MetricOptions sum = MetricOptions.builder().period(props.period()).statistic("Sum").build();
        alarm("DeadLettersWaiting", deadLetters.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(props.period()).statistic("Maximum").build()), 0,
                "S3 events failed every retry and wait in the dead-letter queue: see the function logs, fix, then redrive");
        alarm("KpiRefreshFailed", props.stateMachine().metricFailed(sum), 0,
                "A KPI refresh execution failed: its cause is in the execution history and the ledger (stage kpi_refresh)");
        alarm("KpiRefreshTimedOut", props.stateMachine().metricTimedOut(sum), 0,
                "A KPI refresh execution timed out: a statement ran longer than the limit; see the execution history");
        alarm("KpiRefreshAborted", props.stateMachine().metricAborted(sum), 0,
                "A KPI refresh execution was stopped (StopExecution) before it finished: its dates may not be published");
        alarm("RefreshMonitorErrors", props.refreshMonitor().function().metricErrors(sum), 0,
                "The kpi-refresh monitor failed to record an ended execution or free its lease (EventBridge retries;"
                        + " see its log group)");
        alarm("RefreshMonitorDeadLetters", props.refreshMonitor().deadLetters().metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(props.period()).statistic("Maximum").build()), 0,
                "Ended kpi-refresh executions the monitor never recorded: their ledger items and the refresh lease may be"
                        + " stale; the next execution takes over a lease whose holder no longer runs");
        for (DeployedFunction function : props.functions().all()) {
            String fn = function.function().getNode().getId();
            String name = fn.toLowerCase(Locale.ROOT);
            alarm(fn + "Errors", function.function().metricErrors(sum), 0,
                    "The " + name + " function raised errors (Lambda retries; see its log group)");
            alarm(fn + "Throttles", function.function().metricThrottles(sum), 0,
                    "The " + name + " function was throttled (concurrency limit reached): its work waits for Lambda's"
                            + " retries; raise the account's concurrency quota or its reserved concurrency");
        }
        // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (asynchronous invocation metrics)
        for (DeployedFunction function : props.functions().asynchronous()) {
            String fn = function.function().getNode().getId();
            String name = fn.toLowerCase(Locale.ROOT);
            alarm(fn + "AsyncEventsDropped", function.function().metric("AsyncEventsDropped", sum), 0,
                    "Lambda dropped S3 events of the " + name + " function without running it to success (too old, or"
                            + " out of retries): find the objects with backbeat status and replay them");
            alarm(fn + "DestinationDeliveryFailures", function.function().metric("DestinationDeliveryFailures", sum), 0,
                    "Lambda could not deliver failed S3 events of the " + name + " function to the dead-letter queue:"
                            + " those events are lost; find the objects with backbeat status and replay them");
        }
        alarm("RejectedRowRatio", rejectedRowPercent(props), props.rejectedRowPercent(),
                "validate rejected more than " + props.rejectedRowPercent() + " % of the rows it read: see quarantine/");
        // The alarms Firehose's best practices name for an S3 stream: data freshness over the buffering limit, and
        // throttled records (https://docs.aws.amazon.com/firehose/latest/dev/firehose-cloudwatch-metrics-best-practices.html).
        // A Direct PUT stream that cannot write retries for 24 hours, then drops the records
        // (https://docs.aws.amazon.com/firehose/latest/dev/retry.html).
        alarm("EventsDeliveryLate", props.events().metric("DeliveryToS3.DataFreshness",
                        MetricOptions.builder().period(props.period()).statistic("Maximum").build()),
                props.eventsFreshness().toSeconds().doubleValue(),
                "The app events delivery stream holds events older than " + props.eventsFreshness().toMinutes()
                        + " minutes: it cannot write to raw/events/ (see its DeliveryErrors log group); Firehose keeps"
                        + " retrying for 24 hours, then drops them");
        alarm("EventsThrottled", props.events().metric("ThrottledRecords", sum), 0,
                "The app events delivery stream throttled records (over its records, requests or bytes per second):"
                        + " the apps must retry them; ask for a higher Firehose quota if it persists");

        catalogAlarms(props.catalog(), sum);
        dashboard(props, sum);
    }

    /**
     * The extraction's executions that failed, timed out or were aborted; its failed batches, which a run tolerates
     * up to a threshold and so do not fail it, counted by the metrics the Distributed Map's child executions emit
     * under the labelled ARN {@code <state machine ARN>/<label>}
     * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html); and the extract function's
     * errors and throttles, as for every function.
     */
    private void catalogAlarms(CatalogExtraction catalog, MetricOptions sum) {
        IStateMachine extraction = catalog.stateMachine();
        alarm("CatalogExtractionFailed", extraction.metricFailed(sum), 0,
                "A catalogue extraction failed: the artist list could not be read, or more batches failed than a run"
                        + " tolerates; the cause is in the execution history");
        alarm("CatalogExtractionTimedOut", extraction.metricTimedOut(sum), 0,
                "A catalogue extraction ran longer than its limit: the artist list may be too long for one day at one"
                        + " batch at a time, or the API kept asking to wait");
        alarm("CatalogExtractionAborted", extraction.metricAborted(sum), 0,
                "A catalogue extraction was stopped before it finished: the batches not run have no files");
        alarm("CatalogBatchesFailed", catalogBatches(catalog, "ExecutionsFailed", sum), 0,
                "Batches of a catalogue extraction failed (the run went on): their artists were not extracted; the"
                        + " errors are in the run's FAILED_*.json under " + CatalogExtraction.RESULTS_PREFIX);
        alarm("ExtractErrors", catalog.function().metricErrors(sum), 0,
                "The extract function raised errors (the state machine retries the batch; see its log group)");
        alarm("ExtractThrottles", catalog.function().metricThrottles(sum), 0,
                "The extract function was throttled (concurrency limit reached): the state machine retries the batch");
    }

    /** A metric of the extraction's child executions (its batches). */
    static Metric catalogBatches(CatalogExtraction catalog, String metricName, MetricOptions options) {
        return Metric.Builder.create()
                .namespace("AWS/States")
                .metricName(metricName)
                .dimensionsMap(Map.of("StateMachineArn",
                        catalog.stateMachine().getStateMachineArn() + "/" + CatalogExtraction.MAP_LABEL))
                .statistic(options.getStatistic())
                .period(options.getPeriod())
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarms.add(alarm);
    }

    private static MathExpression rejectedRowPercent(Props props) {
        return MathExpression.Builder.create()
                .expression("IF(rowsIn > 0, 100 * rowsRejected / rowsIn, 0)")
                .usingMetrics(sorted(Map.of(
                        "rowsIn", validateRows(PipelineMetrics.ROWS_IN, props),
                        "rowsRejected", validateRows(PipelineMetrics.ROWS_REJECTED, props))))
                .label("validate: rejected rows, % of rows in")
                .period(props.period())
                .build();
    }

    private static Metric validateRows(String metricName, Props props) {
        return Metric.Builder.create()
                .namespace(PipelineMetrics.NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(sorted(Map.of(
                        PipelineMetrics.FUNCTION_NAME, props.functions().validate().function().getFunctionName(),
                        PipelineMetrics.STAGE, Stage.VALIDATE.id())))
                .statistic("Sum")
                .period(props.period())
                .build();
    }

    private void dashboard(Props props, MetricOptions sum) {
        List<DeployedFunction> functions = props.functions().all();
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard").build();
        dashboard.addWidgets(
                graph("Invocations", functions.stream().map(f -> (IMetric) f.function().metricInvocations(sum)).toList()),
                graph("Errors", functions.stream().map(f -> (IMetric) f.function().metricErrors(sum)).toList()),
                graph("Throttles", functions.stream().map(f -> (IMetric) f.function().metricThrottles(sum)).toList()),
                graph("Duration (p99)", functions.stream().map(f -> (IMetric) f.function().metricDuration(
                        MetricOptions.builder().period(props.period()).statistic("p99").build())).toList()));
        dashboard.addWidgets(
                graph("KPI refresh executions", List.of(props.stateMachine().metricStarted(sum),
                        props.stateMachine().metricSucceeded(sum), props.stateMachine().metricFailed(sum),
                        props.stateMachine().metricTimedOut(sum), props.stateMachine().metricAborted(sum))),
                graph("Dead letters waiting", List.of(props.functions().deadLetters().metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(props.period()).statistic("Maximum").build()))),
                graph("validate rows", List.of(validateRows(PipelineMetrics.ROWS_IN, props),
                        validateRows(PipelineMetrics.ROWS_REJECTED, props))));
        dashboard.addWidgets(
                graph("App events in", List.of(props.events().metricIncomingRecords(sum),
                        props.events().metric("ThrottledRecords", sum))),
                graph("App events: oldest undelivered (s)", List.of(props.events().metric("DeliveryToS3.DataFreshness",
                        MetricOptions.builder().period(props.period()).statistic("Maximum").build()))),
                graph("Catalogue extractions and batches", List.of(props.catalog().stateMachine().metricStarted(sum),
                        props.catalog().stateMachine().metricSucceeded(sum), props.catalog().stateMachine().metricFailed(sum),
                        catalogBatches(props.catalog(), "ExecutionsSucceeded", sum),
                        catalogBatches(props.catalog(), "ExecutionsFailed", sum))));
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    public ITopic alarmTopic() {
        return alarmTopic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
