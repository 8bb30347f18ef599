package io.backbeat.localcloud.cloud;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builders of AWS SDK clients for a local endpoint: endpoint override, {@link #REGION}, static fake
 * {@link #CREDENTIALS} and the Apache HTTP client. Each builder can still be changed before
 * {@code build()}.
 *
 * <p>Not the URL-connection client the functions use in AWS: its connections live in one JVM-wide
 * keep-alive cache keyed by host and port, so after a local cloud stops and another starts on the
 * same recycled port, a PUT can be sent down a dead connection ("Unexpected end of file from
 * server", every retry taking the next dead one). The Apache client pools connections per client
 * and checks idle ones before reuse. The SDK marshalling, signing and retries are the same.
 *
 * <pre>{@code
 * LocalCloud cloud = LocalCloud.shared();
 * try (S3Client s3 = LocalClients.s3(cloud.s3Endpoint()).build()) { ... }
 * SfnClient sfn = LocalClients.configure(SfnClient.builder(), sfnEndpoint).build();
 * }</pre>
 */
public final class LocalClients {
    /** The region every local client uses; local services accept any. */
    public static final Region REGION = Region.US_EAST_1;
    /**
     * Fixed fake credentials, which keep the SDK from looking for real ones. Local S3 checks none;
     * DynamoDB Local accepts any access key made of letters and digits only.
     */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("backbeatlocal", "backbeatlocal"));

    private LocalClients() {}

    /** An S3 client builder for {@code endpoint}, with path-style access (no bucket DNS names on 127.0.0.1). */
    public static S3ClientBuilder s3(URI endpoint) {
        return configure(S3Client.builder(), endpoint).forcePathStyle(true);
    }

    /** A DynamoDB client builder for {@code endpoint}. */
    public static DynamoDbClientBuilder dynamoDb(URI endpoint) {
        return configure(DynamoDbClient.builder(), endpoint);
    }

    /** Points any synchronous SDK client builder at {@code endpoint} with the local region, credentials and HTTP client. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        Objects.requireNonNull(builder, "builder must not be null");
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        return builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder());
    }
}
