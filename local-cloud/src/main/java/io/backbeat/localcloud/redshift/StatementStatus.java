package io.backbeat.localcloud.redshift;

/** The Data API's statement states; this endpoint never reports PICKED. */
enum StatementStatus {
    SUBMITTED,
    PICKED,
    STARTED,
    FINISHED,
    ABORTED,
    FAILED;

    boolean isDone() {
        return this == FINISHED || this == ABORTED || this == FAILED;
    }
}
