package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskResourceTest {
    @ParameterizedTest
    @CsvSource({
        "arn:aws:states:::aws-sdk:redshiftdata:executeStatement, ExecuteStatement",
        "arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement, BatchExecuteStatement",
        "arn:aws:states:::aws-sdk:redshiftdata:describeStatement, DescribeStatement",
        "arn:aws:states:::aws-sdk:redshiftdata:getStatementResult, GetStatementResult",
        "arn:aws:states:::aws-sdk:redshiftdata:cancelStatement, CancelStatement",
        "arn:aws-cn:states:::aws-sdk:redshiftdata:listStatements, ListStatements",
    })
    void redshiftDataActions_nameTheirOperationInPascalCase(String resource, String operation) {
        assertThat(TaskResource.parse(resource)).isEqualTo(new TaskResource.RedshiftData(operation));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:states:::dynamodb:getItem, GetItem",
        "arn:aws:states:::dynamodb:putItem, PutItem",
        "arn:aws:states:::dynamodb:deleteItem, DeleteItem",
        "arn:aws:states:::dynamodb:updateItem, UpdateItem",
    })
    void dynamoDbActions_nameTheirOperationInPascalCase(String resource, String operation) {
        assertThat(TaskResource.parse(resource)).isEqualTo(new TaskResource.DynamoDb(operation));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:lambda:us-east-1:123456789012:function:backbeat-load, backbeat-load",
        "arn:aws:lambda:eu-west-1:123456789012:function:backbeat-load:live, backbeat-load",
    })
    void functionArns_nameTheirFunction(String resource, String function) {
        assertThat(TaskResource.parse(resource)).isEqualTo(new TaskResource.LambdaFunctionArn(function));
    }

    @org.junit.jupiter.api.Test
    void startExecutionAndDescribeExecution_areStepFunctionsOwnApi() {
        assertThat(TaskResource.parse("arn:aws:states:::states:startExecution")).isEqualTo(new TaskResource.StartExecution());
        assertThat(TaskResource.parse("arn:aws:states:::aws-sdk:sfn:describeExecution"))
                .isEqualTo(new TaskResource.Sfn("DescribeExecution"));
        assertThat(TaskResource.parse("arn:aws:states:::aws-sdk:sfn:stopExecution"))
                .isEqualTo(new TaskResource.Unsupported("arn:aws:states:::aws-sdk:sfn:stopExecution"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::aws-sdk:redshiftdata:executeStatement.sync",
        "arn:aws:states:::aws-sdk:redshiftdata:getStatementResultV2",
        "arn:aws:states:::aws-sdk:dynamodb:putItem",
        "arn:aws:states:::dynamodb:query",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:us-east-1:123456789012:activity:approve",
    })
    void everythingElse_isUnsupported(String resource) {
        assertThat(TaskResource.parse(resource)).isEqualTo(new TaskResource.Unsupported(resource));
    }

    @ParameterizedTest
    @CsvSource({
        "backbeat-load, backbeat-load",
        "backbeat-load:live, backbeat-load",
        "123456789012:function:backbeat-load, backbeat-load",
        "arn:aws:lambda:us-east-1:123456789012:function:backbeat-load:7, backbeat-load",
    })
    void functionNames_areTakenFromEveryFormLambdaAccepts(String functionName, String name) {
        assertThat(FunctionNames.of(functionName)).isEqualTo(name);
    }
}
