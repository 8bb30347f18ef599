package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.localcloud.cloud.LocalCloud;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

class LocalRedshiftTest {
    @Test
    void shared_returnsOneInstancePerJvm() {
        assertThat(LocalRedshift.shared()).isSameAs(LocalRedshift.shared());
        assertThat(LocalRedshift.shared().database()).isEqualTo("dev");
        assertThat(LocalRedshift.shared().workgroup()).isEqualTo("local");
    }

    @Test
    void shared_refusesToBeClosed() {
        assertThatThrownBy(() -> LocalRedshift.shared().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("LocalRedshift.shared() is stopped by a shutdown hook when the JVM exits;"
                        + " use LocalRedshift.start(s3) for one you close yourself");
    }

    @Test
    void resultPageSize_mustBePositive() {
        assertThatThrownBy(() -> LocalRedshift.shared().resultPageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be at least 1, was 0");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // far below the ten-minute statement it must not wait for
    void start_givesAnIndependentInstanceThatCloseStopsWithoutWaitingForRunningStatements() {
        URI endpoint;
        try (LocalRedshift own = LocalRedshift.start(LocalCloud.shared().s3Client())) {
            endpoint = own.endpoint();
            RedshiftDataClient client = own.client();
            String id = client.executeStatement(b -> b.workgroupName(own.workgroup()).database(own.database())
                    .sql("SELECT pg_sleep(600)")).id();
            while (client.describeStatement(b -> b.id(id)).status() != StatusString.STARTED) {
                Thread.onSpinWait();
            }
            assertThat(endpoint).isNotEqualTo(LocalRedshift.shared().endpoint());
        }

        assertThat(accepts(endpoint)).as("Data API port open after close").isFalse();
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
