package io.backbeat.localcloud.stepfunctions;

import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.redshift.LocalRedshift;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a {@link LocalStateMachine}'s Task states call, and how long its waits last.
 *
 * <pre>{@code
 * Bindings bindings = Bindings.builder()
 *         .localCloud(LocalCloud.shared())
 *         .localRedshift(LocalRedshift.shared())
 *         .function("publish", payload -> "{\"published\":true}")
 *         .build();
 * }</pre>
 *
 * @param redshiftDataEndpoint where {@code aws-sdk:redshiftdata:*} tasks go; empty: they fail
 * @param dynamoDbEndpoint where {@code dynamodb:*} tasks go; empty: they fail
 * @param functions Lambda functions by name (a name, or an ARN whose function name is used)
 * @param waitTime how long every Wait state waits instead of what it says; empty: as it says
 * @param retryInterval how long every retry waits instead of what its Retry computes; empty: as computed
 * @param taskListener told of every Task state as it starts (to show progress, or to hold a test's execution at a
 *     state); whatever it throws fails the execution as a local error no Catch handles
 * @param executionStarter what {@code states:startExecution} tasks call; empty: they fail
 * @param accessKeyForRole for a Task with {@code Credentials: {RoleArn}}, the access key id whose requests the local
 *     service runs as that role (the local Redshift maps an access key id to {@code IAMR:<role name>}); given the
 *     role's name. Empty: such tasks are signed like any other, with {@code LocalClients.CREDENTIALS}
 */
public record Bindings(
        Optional<URI> redshiftDataEndpoint,
        Optional<URI> dynamoDbEndpoint,
        Map<String, LambdaFunction> functions,
        Optional<Duration> waitTime,
        Optional<Duration> retryInterval,
        TaskListener taskListener,
        Optional<ExecutionStarter> executionStarter,
        Optional<Function<String, String>> accessKeyForRole) {

    /**
     * Starts an execution for a {@code states:startExecution} task, as StartExecution would: in the background,
     * returning its ARN at once.
     */
    @FunctionalInterface
    public interface ExecutionStarter {
        /**
         * @param stateMachineArn the task's StateMachineArn
         * @param name the task's Name (never null here: a task without one gets a UUID, as Step Functions gives)
         * @param input the task's Input as JSON text
         * @return the new execution's ARN
         * @throws IllegalStateException whose message starts {@code ExecutionAlreadyExists} when the name was used
         */
        String start(String stateMachineArn, String name, String input);
    }

    /** Hears of each Task state as an execution enters it. */
    @FunctionalInterface
    public interface TaskListener {
        void taskStarted(String state);
    }

    /** Waits and retry intervals last this long unless changed, so polling loops turn fast but do not spin. */
    public static final Duration DEFAULT_SHORTENED_WAIT = Duration.ofMillis(10);

    public Bindings {
        Objects.requireNonNull(redshiftDataEndpoint, "redshiftDataEndpoint must not be null");
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint must not be null");
        Objects.requireNonNull(waitTime, "waitTime must not be null");
        Objects.requireNonNull(retryInterval, "retryInterval must not be null");
        Objects.requireNonNull(taskListener, "taskListener must not be null");
        Objects.requireNonNull(executionStarter, "executionStarter must not be null");
        Objects.requireNonNull(accessKeyForRole, "accessKeyForRole must not be null");
        waitTime.ifPresent(wait -> requireNotNegative(wait, "waitTime"));
        retryInterval.ifPresent(interval -> requireNotNegative(interval, "retryInterval"));
        Map<String, LambdaFunction> byName = new LinkedHashMap<>();
        Objects.requireNonNull(functions, "functions must not be null").forEach((name, function) -> {
            Objects.requireNonNull(function, () -> "function '" + name + "' must not be null");
            String key = FunctionNames.of(name);
            if (byName.putIfAbsent(key, function) != null) {
                throw new IllegalArgumentException("functions binds '" + key + "' twice (as '" + name + "' too)");
            }
        });
        functions = Map.copyOf(byName);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireNotNegative(Duration duration, String field) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + duration);
        }
    }

    /** Builds {@link Bindings}; waits and retry intervals default to {@link #DEFAULT_SHORTENED_WAIT}. */
    public static final class Builder {
        private URI redshiftDataEndpoint;
        private URI dynamoDbEndpoint;
        private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        private Duration waitTime = DEFAULT_SHORTENED_WAIT;
        private Duration retryInterval = DEFAULT_SHORTENED_WAIT;
        private TaskListener taskListener = state -> {};
        private ExecutionStarter executionStarter;
        private Function<String, String> accessKeyForRole;

        private Builder() {}

        /** Binds DynamoDB tasks to the cloud's DynamoDB Local. */
        public Builder localCloud(LocalCloud cloud) {
            return dynamoDbEndpoint(Objects.requireNonNull(cloud, "cloud must not be null").dynamoDbEndpoint());
        }

        /** Binds Redshift Data API tasks to the local Redshift. */
        public Builder localRedshift(LocalRedshift redshift) {
            return redshiftDataEndpoint(Objects.requireNonNull(redshift, "redshift must not be null").endpoint());
        }

        public Builder redshiftDataEndpoint(URI endpoint) {
            this.redshiftDataEndpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
            return this;
        }

        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
            return this;
        }

        /**
         * Binds the function that {@code lambda:invoke} tasks name in FunctionName, and Tasks whose
         * Resource is its ARN, to {@code code}.
         *
         * @param name a function name, or a full or partial ARN (with or without a version or alias)
         *     whose function name is used
         */
        public Builder function(String name, LambdaFunction code) {
            functions.put(Objects.requireNonNull(name, "name must not be null"),
                    Objects.requireNonNull(code, "code must not be null"));
            return this;
        }

        /** Every Wait state waits {@code wait} instead of what it says. */
        public Builder waitTime(Duration wait) {
            this.waitTime = Objects.requireNonNull(wait, "wait must not be null");
            return this;
        }

        /** Wait states wait as long as the definition says. */
        public Builder definedWaitTimes() {
            this.waitTime = null;
            return this;
        }

        /** Every retry waits {@code interval} instead of what IntervalSeconds, BackoffRate and jitter give. */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = Objects.requireNonNull(interval, "interval must not be null");
            return this;
        }

        /** Retries wait as long as their Retry field says (with its backoff and jitter). */
        public Builder definedRetryIntervals() {
            this.retryInterval = null;
            return this;
        }

        /** Tells {@code listener} the name of each Task state as an execution enters it. */
        public Builder taskListener(TaskListener listener) {
            this.taskListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /** Binds {@code states:startExecution} tasks to {@code starter}. */
        public Builder executionStarter(ExecutionStarter starter) {
            this.executionStarter = Objects.requireNonNull(starter, "starter must not be null");
            return this;
        }

        /**
         * Signs a Task with {@code Credentials: {RoleArn}} with the access key id {@code accessKeyForRole} gives for
         * the role's name, e.g. {@code name -> LocalRedshift.credentialsFor(name).resolveCredentials().accessKeyId()}.
         */
        public Builder accessKeyForRole(Function<String, String> accessKeyForRole) {
            this.accessKeyForRole = Objects.requireNonNull(accessKeyForRole, "accessKeyForRole must not be null");
            return this;
        }

        public Bindings build() {
            return new Bindings(Optional.ofNullable(redshiftDataEndpoint), Optional.ofNullable(dynamoDbEndpoint),
                    functions, Optional.ofNullable(waitTime), Optional.ofNullable(retryInterval), taskListener,
                    Optional.ofNullable(executionStarter), Optional.ofNullable(accessKeyForRole));
        }
    }
}
