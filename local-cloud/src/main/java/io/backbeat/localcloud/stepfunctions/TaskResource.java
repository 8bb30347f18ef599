package io.backbeat.localcloud.stepfunctions;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Task state's {@code Resource} asks for, as far as the local bindings can serve it. */
sealed interface TaskResource {
    /** Redshift Data API operations the local Redshift serves. */
    Set<String> REDSHIFT_DATA_OPERATIONS = Set.of("ExecuteStatement", "BatchExecuteStatement", "DescribeStatement",
            "GetStatementResult", "CancelStatement", "ListStatements");
    /**
     * Members of the Redshift Data API whose wire names are camelCase (SqlParameter's; the others
     * are already PascalCase on the wire, and no request has a member of the response-only shapes).
     */
    Set<String> REDSHIFT_DATA_CAMEL_CASE_MEMBERS = Set.of("name", "value");
    /** The optimized DynamoDB integration's operations. */
    Set<String> DYNAMODB_OPERATIONS = Set.of("GetItem", "PutItem", "DeleteItem", "UpdateItem");
    /** Step Functions' own API through the AWS SDK integration: what the local executions can answer. */
    Set<String> SFN_OPERATIONS = Set.of("DescribeExecution");
    String SUPPORTED = "arn:aws:states:::aws-sdk:redshiftdata:{executeStatement, batchExecuteStatement,"
            + " describeStatement, getStatementResult, cancelStatement, listStatements},"
            + " arn:aws:states:::dynamodb:{getItem, putItem, deleteItem, updateItem},"
            + " arn:aws:states:::states:startExecution, arn:aws:states:::aws-sdk:sfn:describeExecution,"
            + " arn:aws:states:::lambda:invoke and arn:aws:lambda:REGION:ACCOUNT:function:NAME";

    Pattern REDSHIFT_DATA = Pattern.compile("arn:aws[a-z-]*:states:::aws-sdk:redshiftdata:([a-zA-Z]+)");
    Pattern DYNAMODB = Pattern.compile("arn:aws[a-z-]*:states:::dynamodb:([a-zA-Z]+)");
    Pattern START_EXECUTION = Pattern.compile("arn:aws[a-z-]*:states:::states:startExecution");
    Pattern SFN = Pattern.compile("arn:aws[a-z-]*:states:::aws-sdk:sfn:([a-zA-Z]+)");
    Pattern LAMBDA_INVOKE = Pattern.compile("arn:aws[a-z-]*:states:::lambda:invoke");
    Pattern LAMBDA_FUNCTION = Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?");

    /** {@code aws-sdk:redshiftdata:<operation>}; the operation in PascalCase, as its X-Amz-Target names it. */
    record RedshiftData(String operation) implements TaskResource {}

    /** {@code dynamodb:<operation>} (the optimized integration); the operation in PascalCase. */
    record DynamoDb(String operation) implements TaskResource {}

    /** {@code states:startExecution} (the optimized integration, request-response): starts another execution. */
    record StartExecution() implements TaskResource {}

    /** {@code aws-sdk:sfn:<operation>}: Step Functions' own API, answered from the local executions. */
    record Sfn(String operation) implements TaskResource {}

    /** {@code lambda:invoke} (the optimized integration): Parameters {@code {FunctionName, Payload}}. */
    record LambdaInvoke() implements TaskResource {}

    /** A function's ARN as the Resource: the state's input is the event, the function's result the output. */
    record LambdaFunctionArn(String functionName) implements TaskResource {}

    /** Anything else, including {@code .sync} and {@code .waitForTaskToken} integrations. */
    record Unsupported(String resource) implements TaskResource {}

    static TaskResource parse(String resource) {
        if (resource == null) {
            return new Unsupported("(no Resource)");
        }
        Matcher redshift = REDSHIFT_DATA.matcher(resource);
        if (redshift.matches() && REDSHIFT_DATA_OPERATIONS.contains(pascalCase(redshift.group(1)))) {
            return new RedshiftData(pascalCase(redshift.group(1)));
        }
        Matcher dynamoDb = DYNAMODB.matcher(resource);
        if (dynamoDb.matches() && DYNAMODB_OPERATIONS.contains(pascalCase(dynamoDb.group(1)))) {
            return new DynamoDb(pascalCase(dynamoDb.group(1)));
        }
        if (START_EXECUTION.matcher(resource).matches()) {
            return new StartExecution();
        }
        Matcher sfn = SFN.matcher(resource);
        if (sfn.matches() && SFN_OPERATIONS.contains(pascalCase(sfn.group(1)))) {
            return new Sfn(pascalCase(sfn.group(1)));
        }
        if (LAMBDA_INVOKE.matcher(resource).matches()) {
            return new LambdaInvoke();
        }
        if (LAMBDA_FUNCTION.matcher(resource).matches()) {
            return new LambdaFunctionArn(FunctionNames.of(resource));
        }
        return new Unsupported(resource);
    }

    private static String pascalCase(String action) {
        return Character.toUpperCase(action.charAt(0)) + action.substring(1);
    }
}
