package io.backbeat.localcloud.stepfunctions;

/**
 * The local state machine runner could not install, start or talk to Node, or a definition was
 * rejected before it ran; the message says what and how to fix it. An execution that fails is not
 * an exception: it is an {@link ExecutionResult} with status {@link ExecutionStatus#FAILED}.
 */
public final class LocalStateMachineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalStateMachineException(String message) {
        super(message);
    }

    LocalStateMachineException(String message, Throwable cause) {
        super(message, cause);
    }
}
