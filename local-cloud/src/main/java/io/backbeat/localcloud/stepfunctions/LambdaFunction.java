package io.backbeat.localcloud.stepfunctions;

/**
 * A Lambda function's code, run in this JVM when a Task state invokes the function it is bound to
 * (see {@link Bindings.Builder#function(String, LambdaFunction)}).
 *
 * <p>An exception it throws is the function's error, as the Lambda Java runtime reports it: the
 * error name is the exception's class name ({@code java.lang.IllegalStateException}, or
 * {@code com.example.StatementFailedException}), which {@code Retry} and {@code Catch} match, and the
 * cause is the runtime's error document, {@code {"errorMessage":…,"errorType":…,"stackTrace":[…]}}.
 */
@FunctionalInterface
public interface LambdaFunction {
    /**
     * Handles one invocation.
     *
     * @param payloadJson the event, as JSON ({@code {}} when the Task passes no Payload)
     * @return the function's result, as JSON ({@code null} or the text {@code null} for none)
     */
    String invoke(String payloadJson) throws Exception;
}
