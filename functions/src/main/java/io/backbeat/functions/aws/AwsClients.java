package io.backbeat.functions.aws;

import software.amazon.awssdk.http.SdkHttpClient;
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
 * <p>All clients of a container share one HTTP client: each URL-connection client initialises a TLS context of its own
 * (trust managers from the JDK's trust store), which took about a third of a first S3 client's build on a cold JVM with
 * Lambda's C1-only JIT (sampled; see docs/cold-start.md). The SDK never closes an HTTP client it was given; this one
 * lives as long as the container.
 */
public final class AwsClients {
    private static final Lazy<SdkHttpClient> HTTP = Lazy.of(UrlConnectionHttpClient::create);

    private AwsClients() {}

    public static S3Client s3() {
        return S3Client.builder().httpClient(HTTP.get()).build();
    }

    public static RedshiftDataClient redshiftData() {
        return RedshiftDataClient.builder().httpClient(HTTP.get()).build();
    }

    public static SfnClient stepFunctions() {
        return SfnClient.builder().httpClient(HTTP.get()).build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(HTTP.get()).build();
    }

    public static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(HTTP.get()).build();
    }
}
