package io.backbeat.infra;

import io.backbeat.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Records the {@code kpi-refresh} executions that end where no Catch of theirs can: an EventBridge rule on "Step
 * Functions Execution Status Change" events of that state machine with status TIMED_OUT, ABORTED or FAILED
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html) invokes a small function (from the
 * same jar as the others) that marks the execution's ledger item FAILED and, if the execution still held the
 * refresh lease, releases it and starts the successor it owed. Step Functions delivers these events best effort; a
 * lease left by a lost event is still taken over by the next execution, which sees its holder is not running.
 * Events the function could not handle after the rule's retries go to an encrypted dead-letter queue.
 */
public final class RefreshMonitor extends Construct {
    static final String HANDLER = "io.backbeat.functions.kpi.RefreshMonitorHandler::handleRequest";
    static final List<String> STATUSES = List.of("TIMED_OUT", "ABORTED", "FAILED");

    private final Function function;
    private final Rule rule;
    private final Role role;
    private final Queue deadLetters;

    /**
     * @param jar the functions jar
     * @param stateMachine the kpi-refresh state machine
     * @param ledger where outcomes are recorded and the lease lives
     * @param logRetention how long the function's log is kept
     */
    public record Props(FunctionsJar jar, StateMachine stateMachine, ITable ledger, RetentionDays logRetention) {
        public Props {
            Objects.requireNonNull(jar, "jar must not be null");
            Objects.requireNonNull(stateMachine, "stateMachine must not be null");
            Objects.requireNonNull(ledger, "ledger must not be null");
            Objects.requireNonNull(logRetention, "logRetention must not be null");
        }
    }

    public RefreshMonitor(Construct scope, String id, Props props) {
        super(scope, id);
        JarFunction jarFunction = JarFunction.create(this, props.jar(), props.logRetention(), new JarFunction.Spec(
                "Backbeat kpi-refresh monitor: records executions that timed out, were aborted or failed outside a"
                        + " Catch; frees the refresh lease they held",
                HANDLER, 512, Duration.seconds(30), Map.of(
                        EnvironmentVariables.LEDGER_TABLE, props.ledger().getTableName(),
                        EnvironmentVariables.STATE_MACHINE_ARN, props.stateMachine().getStateMachineArn())));
        function = jarFunction.function();
        role = jarFunction.role();
        props.ledger().grant(role, "dynamodb:UpdateItem");
        props.stateMachine().grantStartExecution(role);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(software.amazon.awscdk.services.sqs.QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        rule = Rule.Builder.create(this, "ExecutionEnded")
                .description("kpi-refresh executions that timed out, were aborted or failed")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of(
                                "stateMachineArn", List.of(props.stateMachine().getStateMachineArn()),
                                "status", STATUSES))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(function)
                        .retryAttempts(8)
                        .maxEventAge(Duration.hours(6))
                        .deadLetterQueue(deadLetters)
                        .build()))
                .build();
        Suppressions.functionRole(role, false);
        Suppressions.deadLetterQueue(deadLetters);
    }

    public Function function() {
        return function;
    }

    public Rule rule() {
        return rule;
    }

    public Role role() {
        return role;
    }

    /** Events of ended executions the function could not handle after the rule's retries. */
    public Queue deadLetters() {
        return deadLetters;
    }
}
