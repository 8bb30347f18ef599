package io.backbeat.localcloud.stepfunctions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one local execution ended.
 *
 * @param status how it ended
 * @param output the execution's output as JSON when it {@link ExecutionStatus#SUCCEEDED}, else null
 * @param error the error name when it did not succeed (null when a Fail state names none)
 * @param cause the cause when it did not succeed (null when a Fail state gives none)
 * @param events the history, in the order the library logged it; Parallel branches interleave
 * @param duration wall-clock time from submitting the run to its end
 */
public record ExecutionResult(
        ExecutionStatus status, String output, String error, String cause, List<ExecutionEvent> events,
        Duration duration) {
    public ExecutionResult {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(duration, "duration must not be null");
        events = List.copyOf(Objects.requireNonNull(events, "events must not be null"));
    }

    /** The names of the states entered, in order, once per entry (a polling loop shows each round). */
    public List<String> statesEntered() {
        return namesOf("StateEntered");
    }

    /** The names of the states whose failure a {@code Retry} retried, once per retry. */
    public List<String> statesRetried() {
        return namesOf("StateRetried");
    }

    /** The names of the states whose failure a {@code Catch} caught, once per catch. */
    public List<String> statesCaught() {
        return namesOf("StateCaught");
    }

    private List<String> namesOf(String type) {
        return events.stream().filter(event -> event.type().equals(type)).map(ExecutionEvent::state).toList();
    }
}
