package io.backbeat.localcloud.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What Java answers a Task state with: its result, or an error for Retry and Catch. */
sealed interface TaskOutcome {
    /** The task's result, which the state's ResultSelector, ResultPath and OutputPath then process. */
    record Result(JsonNode value) implements TaskOutcome {
        public Result {
            Objects.requireNonNull(value, "value must not be null");
        }
    }

    /**
     * The task failed with {@code error} (what Retry and Catch match) and {@code cause}.
     *
     * @param catchable false for failures of the local bindings themselves (an unsupported resource,
     *     an unbound function, an endpoint not reached): no Retry or Catch may turn those into a
     *     passing run, so they end the execution
     */
    record Failure(String error, String cause, boolean catchable) implements TaskOutcome {
        public Failure {
            Objects.requireNonNull(error, "error must not be null");
            Objects.requireNonNull(cause, "cause must not be null");
        }
    }

    /** A failure of the bindings, which ends the execution whatever its Retry and Catch say. */
    static Failure local(String error, String cause) {
        return new Failure(error, cause, false);
    }
}
