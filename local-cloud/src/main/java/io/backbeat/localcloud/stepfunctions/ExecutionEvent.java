package io.backbeat.localcloud.stepfunctions;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an execution's history, as aws-local-stepfunctions logs it.
 *
 * @param type the library's event type: {@code ExecutionStarted}, {@code ExecutionSucceeded},
 *     {@code ExecutionFailed}, {@code ExecutionAborted}, {@code ExecutionTimeout}, {@code StateEntered},
 *     {@code StateExited}, {@code StateFailed}, {@code StateRetried}, {@code StateCaught},
 *     {@code ParallelBranchStarted|Succeeded|Failed}, {@code MapIterationStarted|Succeeded|Failed}
 * @param state the state's name (for branch and iteration events, the Parallel or Map state's); null
 *     for execution events
 * @param error the error name of a failure event, else null
 * @param cause the cause of a failure event, else null
 * @param timestamp when the library logged it
 */
public record ExecutionEvent(String type, String state, String error, String cause, Instant timestamp) {
    public ExecutionEvent {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(timestamp, "timestamp must not be null");
    }
}
