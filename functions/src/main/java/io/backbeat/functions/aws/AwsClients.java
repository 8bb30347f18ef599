package io.backbeat.functions.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients a function builds once per container: region and credentials from the Lambda environment (the
 * SDK's default chains: a SnapStart function gets its credentials from the container provider, not from variables),
 * the URL-connection HTTP client (smallest start-up cost). An endpoint override, where wanted, comes from the SDK's own
 * {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL_DYNAMODB}.
 *
 * <p>The first client a JVM builds costs most of a cold start (0.8-0.9 s on Lambda's C1-only JIT here: its TLS context
 * and the SDK's metadata of every service); a second costs about 0.1 s, with its own HTTP client or a shared one alike
 * (measured; see docs/cold-start.md). So a handler builds what every invocation needs up front and the rest with
 * {@link Lazy}.
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

    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
