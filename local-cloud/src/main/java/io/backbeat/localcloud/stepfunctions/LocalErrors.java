package io.backbeat.localcloud.stepfunctions;

/**
 * Error names of failures of the local bindings rather than of the cloud. They cannot be retried or
 * caught (see {@link TaskOutcome.Failure#catchable()}), so a test never passes because a Catch
 * swallowed a binding mistake.
 */
final class LocalErrors {
    /** The Task's Resource is not one the local bindings serve. */
    static final String UNSUPPORTED_RESOURCE = "LocalStateMachine.UnsupportedResource";
    /** The Task invokes a Lambda function that the Bindings do not bind. */
    static final String UNBOUND_FUNCTION = "LocalStateMachine.UnboundFunction";
    /** The Task's Parameters are ones Step Functions would refuse when the state machine is created. */
    static final String INVALID_PARAMETERS = "LocalStateMachine.InvalidParameters";
    /** The bindings could not do their part: an endpoint not configured or not reached, a reply not JSON. */
    static final String BINDING_FAILED = "LocalStateMachine.BindingFailed";

    private LocalErrors() {}
}
