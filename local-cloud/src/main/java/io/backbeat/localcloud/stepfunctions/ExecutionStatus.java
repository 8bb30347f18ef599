package io.backbeat.localcloud.stepfunctions;

/** How an execution ended, named as Step Functions' DescribeExecution names it. */
public enum ExecutionStatus {
    SUCCEEDED,
    FAILED,
    /** The definition's {@code TimeoutSeconds} passed, or the caller's run timeout did. */
    TIMED_OUT
}
