package io.backbeat.cli.operate;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SDK clients for the endpoints a {@link LocalStackDescription} names. The operator commands have no emulator on
 * their classpath, so this is not the local cloud's own {@code LocalClients}: it needs only what a client of a
 * local stack needs, which is the same SDK with an endpoint override, fixed fake credentials (the local services
 * check none; DynamoDB Local wants letters and digits) and path-style S3 addressing (no bucket DNS names on
 * 127.0.0.1).
 */
final class LocalStackClients {
    private static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("backbeatlocal", "backbeatlocal"));

    private LocalStackClients() {}

    /** Points a synchronous SDK client builder at {@code endpoint}. */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B at(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    static S3Client s3(URI endpoint) {
        return at(S3Client.builder(), endpoint).forcePathStyle(true).build();
    }

    /**
     * An asynchronous S3 client with multipart uploads, for the transfer manager of {@code backbeat upload}:
     * checksums only where S3 requires them, and without the {@code x-amz-mp-object-size} header the SDK adds to
     * CompleteMultipartUpload, which S3Proxy does not know and answers with 501 Not Implemented.
     */
    static S3AsyncClient s3Multipart(URI endpoint) {
        return S3AsyncClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .forcePathStyle(true).multipartEnabled(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new WithoutObjectSizeHeader()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    /** Drops {@code x-amz-mp-object-size}, an optional integrity check S3Proxy refuses (see {@link #s3Multipart}). */
    private static final class WithoutObjectSizeHeader implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("x-amz-mp-object-size").build();
        }
    }
}
