package io.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.events.PipelineMetrics;
import io.backbeat.events.StackOutputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class OperationsTest {
    private static Template template;
    private static Object topic;

    @BeforeAll
    static void synthesize() {
        template = DevStack.template();
        topic = DevStack.ref(DevStack.stack().operations().alarmTopic().getTopicArn());
    }

    @Test
    void deadLetters_alarmAsSoonAsOneWaits() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", DevStack.ref(DevStack.stack().functions().deadLetters().getQueueName()))),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void failedOrTimedOutKpiRefresh_alarms() {
        Object stateMachine = DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            assertStateMachineAlarm(metric, stateMachine);
        }
    }

    @Test
    void abortedKpiRefresh_alarms() {
        assertStateMachineAlarm("ExecutionsAborted",
                DevStack.ref(DevStack.stack().kpiRefresh().stateMachine().getStateMachineArn()));
    }

    @Test
    void failedTimedOutOrAbortedCatalogueExtractions_alarm() {
        Object stateMachine = DevStack.ref(DevStack.stack().catalog().stateMachine().getStateMachineArn());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted")) {
            assertStateMachineAlarm(metric, stateMachine);
        }
    }

    /** An alarm on any {@code metric} of the state machine above zero, sent to the alarm topic. */
    private void assertStateMachineAlarm(String metric, Object stateMachine) {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", metric,
                "Namespace", "AWS/States",
                "Dimensions", List.of(Map.of("Name", "StateMachineArn", "Value", stateMachine)),
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void failedCatalogueBatches_alarmThoughTheRunToleratesThem() {
        Object stateMachine = DevStack.ref(DevStack.stack().catalog().stateMachine().getStateMachineArn());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ExecutionsFailed",
                "Namespace", "AWS/States",
                "Dimensions", List.of(Map.of("Name", "StateMachineArn",
                        "Value", Map.of("Fn::Join", List.of("", List.of(stateMachine, "/" + CatalogExtraction.MAP_LABEL))))),
                "Statistic", "Sum",
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void extractFunctionErrorsAndThrottles_alarm() {
        Object function = DevStack.ref(DevStack.stack().catalog().function().getFunctionName());
        for (String metric : List.of("Errors", "Throttles")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", metric,
                    "Namespace", "AWS/Lambda",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", function)),
                    "Threshold", 0,
                    "AlarmActions", List.of(topic)));
        }
    }

    @Test
    void refreshMonitorErrorsAndItsDeadLetters_alarm() {
        RefreshMonitor monitor = DevStack.stack().refreshMonitor();
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "Errors",
                "Namespace", "AWS/Lambda",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", DevStack.ref(monitor.function().getFunctionName()))),
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", DevStack.ref(monitor.deadLetters().getQueueName()))),
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void everyFunctionsThrottles_alarm() {
        for (DeployedFunction function : DevStack.stack().functions().all()) {
            assertFunctionAlarm("Throttles", function);
        }
    }

    @Test
    void eventDelivery_alarmsWhenEventsWaitLongerThanFifteenMinutesOrAreThrottled() {
        Object stream = DevStack.ref(DevStack.stack().events().stream().getDeliveryStreamName());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "DeliveryToS3.DataFreshness",
                "Namespace", "AWS/Firehose",
                "Dimensions", List.of(Map.of("Name", "DeliveryStreamName", "Value", stream)),
                "Statistic", "Maximum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 900,
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(topic)));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ThrottledRecords",
                "Namespace", "AWS/Firehose",
                "Dimensions", List.of(Map.of("Name", "DeliveryStreamName", "Value", stream)),
                "Statistic", "Sum",
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void s3TriggeredFunctions_alarmOnDroppedEventsAndFailedDeadLetterDeliveries() {
        for (DeployedFunction function : DevStack.stack().functions().asynchronous()) {
            assertFunctionAlarm("AsyncEventsDropped", function);
            assertFunctionAlarm("DestinationDeliveryFailures", function);
        }
    }

    private static void assertFunctionAlarm(String metric, DeployedFunction function) {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", metric,
                "Namespace", "AWS/Lambda",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", DevStack.ref(function.function().getFunctionName()))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "AlarmActions", List.of(topic)));
    }

    @Test
    void alarmTopic_letsCloudWatchOfThisAccountPublish() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Resource", topic,
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("", List.of(
                                        "arn:", Map.of("Ref", "AWS::Partition"), ":cloudwatch:", Map.of("Ref", "AWS::Region"),
                                        ":", Map.of("Ref", "AWS::AccountId"), ":alarm:*")))))))))))));
    }

    @Test
    void stateMachineLogGroup_isNamedUnderVendedLogsOfTheStack() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/aws/vendedlogs/states/Backbeat-dev-kpi-refresh",
                "RetentionInDays", 30));
    }

    @Test
    void everyFunctionsErrors_alarm() {
        for (DeployedFunction function : DevStack.stack().functions().all()) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "Errors",
                    "Namespace", "AWS/Lambda",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", DevStack.ref(function.function().getFunctionName()))),
                    "Statistic", "Sum",
                    "ComparisonOperator", "GreaterThanThreshold",
                    "Threshold", 0,
                    "AlarmActions", List.of(topic)));
        }
    }

    @Test
    void rejectedRowRatio_alarmsAboveFivePercentOfValidatesRows() {
        Object validate = DevStack.ref(DevStack.stack().functions().validate().function().getFunctionName());
        List<Map<String, Object>> dimensions = List.of(
                Map.of("Name", PipelineMetrics.FUNCTION_NAME, "Value", validate),
                Map.of("Name", PipelineMetrics.STAGE, "Value", "validate"));

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Threshold", 5,
                "ComparisonOperator", "GreaterThanThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(topic),
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Expression", "IF(rowsIn > 0, 100 * rowsRejected / rowsIn, 0)"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Threshold", 5,
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "rowsIn", "MetricStat", Match.objectLike(Map.of("Metric", Map.of(
                                "Namespace", PipelineMetrics.NAMESPACE, "MetricName", PipelineMetrics.ROWS_IN,
                                "Dimensions", dimensions))))),
                        Match.objectLike(Map.of("Id", "rowsRejected", "MetricStat", Match.objectLike(Map.of("Metric", Map.of(
                                "Namespace", PipelineMetrics.NAMESPACE, "MetricName", PipelineMetrics.ROWS_REJECTED,
                                "Dimensions", dimensions)))))))));
    }

    @Test
    void alarmTopic_isEncryptedAndTlsOnly() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void dashboard_showsFunctionsStateMachineDeadLettersAndRows() {
        Map<String, Map<String, Object>> dashboards = template.findResources("AWS::CloudWatch::Dashboard");

        assertThat(dashboards).hasSize(1);
        assertThat(dashboards.values().iterator().next().toString())
                .contains("Invocations", "Errors", "Duration", "ExecutionsStarted", "ExecutionsFailed",
                        "ApproximateNumberOfMessagesVisible", PipelineMetrics.ROWS_IN, PipelineMetrics.ROWS_REJECTED,
                        "IncomingRecords", "DeliveryToS3.DataFreshness");
    }

    @Test
    void outputs_nameEverythingAnOperatorNeeds() {
        assertThat(template.findOutputs("*").keySet()).containsExactlyInAnyOrder("BucketName", "LedgerTable", "ServingTable",
                "KpiStateMachineArn", "WarehouseWorkgroup", "WarehouseNamespace", "WarehouseDatabase", "DeadLetterQueueUrl",
                "AlarmTopicArn", "OperatorPolicyArn", "EventsDeliveryStreamName", "EventsProducerPolicyArn",
                StackOutputs.CATALOG_SECRET_ARN, StackOutputs.CATALOG_STATE_MACHINE_ARN, StackOutputs.CATALOG_ARTIST_LIST);
        template.hasOutput("BucketName", Map.of("Value", DevStack.ref(DevStack.stack().bucket().bucket().getBucketName())));
    }
}
