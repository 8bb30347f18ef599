package io.backbeat.localcloud.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class LocalCloudTest {
    @Test
    void shared_returnsOneCloudPerJvm() {
        assertThat(LocalCloud.shared()).isSameAs(LocalCloud.shared());
    }

    @Test
    void shared_refusesToBeClosed() {
        assertThatThrownBy(() -> LocalCloud.shared().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("LocalCloud.shared() is stopped by a shutdown hook when the JVM exits;"
                        + " use LocalCloud.start() for a cloud you close yourself");
    }

    @Test
    void start_givesAnIndependentCloudThatCloseStops() {
        URI s3Endpoint;
        URI dynamoDbEndpoint;
        try (LocalCloud own = LocalCloud.start()) {
            s3Endpoint = own.s3Endpoint();
            dynamoDbEndpoint = own.dynamoDbEndpoint();
            String bucket = own.createBucket("own");
            own.s3Client().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
            String table = own.createLedgerTable("own");

            assertThat(s3Endpoint).isNotEqualTo(LocalCloud.shared().s3Endpoint());
            assertThat(LocalCloud.shared().dynamoDbClient().listTables().tableNames()).doesNotContain(table);
        }

        assertThat(accepts(s3Endpoint)).as("S3 port open after close").isFalse();
        assertThat(accepts(dynamoDbEndpoint)).as("DynamoDB port open after close").isFalse();
    }

    private static boolean accepts(URI endpoint) {
        Socket socket = new Socket();
        try (socket) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
