package io.backbeat.localcloud.cloud;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS on a loopback port: <a href="https://github.com/softwaremill/elasticmq">ElasticMQ</a>, in memory,
 * in this JVM; the local stack's dead-letter queue lives here, so the same SQS client code reads it
 * as reads the deployed one. Any credentials are accepted.
 *
 * <pre>{@code
 * try (LocalSqs sqs = LocalSqs.start()) {
 *     String queueUrl = sqs.createQueue("dead-letters");
 *     sqs.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
 * }
 * }</pre>
 */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = LocalClients.configure(SqsClient.builder(), endpoint).build();
    }

    /** @throws LocalCloudException when the server does not start */
    public static LocalSqs start() {
        EmbeddedServerLogging.quiet();
        try {
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                    .withAWSRegion(LocalClients.REGION.id()).start();
            return new LocalSqs(server, server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException e) {
            throw new LocalCloudException("ElasticMQ (the local SQS) did not start on 127.0.0.1; see the cause below", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for {@link #endpoint()}, closed with this server. */
    public SqsClient client() {
        return client;
    }

    /** Creates a queue and returns its URL. */
    public String createQueue(String name) {
        return client.createQueue(r -> r.queueName(name)).queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
