package io.backbeat.cli.operate;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A Backbeat stack the operator commands work on, deployed or local: its resources by name, and
 * clients for the services that hold them.
 *
 * @param label how messages name the stack ({@code stack Backbeat-dev (eu-west-1)}, {@code the local stack in F})
 * @param deadLetterQueueUrl null when the stack has no dead-letter queue to read
 * @param sqs null when there is no dead-letter queue
 * @param multipartS3 makes an asynchronous S3 client with multipart uploads, for the transfer manager (the caller closes it)
 */
public record ConnectedStack(
        String label, String bucket, String ledgerTable, String servingTable, String deadLetterQueueUrl,
        S3Client s3, DynamoDbClient dynamoDb, SqsClient sqs, Supplier<S3AsyncClient> multipartS3) implements AutoCloseable {

    public ConnectedStack {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(ledgerTable, "ledgerTable must not be null");
        Objects.requireNonNull(servingTable, "servingTable must not be null");
        Objects.requireNonNull(s3, "s3 must not be null");
        Objects.requireNonNull(dynamoDb, "dynamoDb must not be null");
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        if (sqs != null) {
            sqs.close();
        }
    }
}
