package io.backbeat.functions.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients a function builds once per container: region and credentials from the Lambda
 * environment, the URL-connection HTTP client (smallest start-up cost). An endpoint override, where
 * wanted, comes from the SDK's own {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL_DYNAMODB}.
 */
public final class AwsClients {

    private AwsClients() {}

    public static S3Client s3() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static RedshiftDataClient redshiftData() {
        return RedshiftDataClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SfnClient stepFunctions() {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
