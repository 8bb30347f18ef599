package io.backbeat.localcloud.cloud;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;

/**
 * DynamoDB Local, in memory, served over HTTP on a loopback port.
 *
 * <p>{@code ServerRunner.createServerFromCommandLineArgs} would bind every interface, needs a port
 * chosen in advance and starts non-daemon threads, so this wires the same two handlers that
 * {@code ServerRunner} wires into a Jetty server of its own: bound to 127.0.0.1, on a port the
 * kernel picks, with daemon threads, and without the start-up telemetry call.
 *
 * <p>The database is shared by every access key and region (DynamoDB Local's {@code -sharedDb}),
 * so a client built with other credentials still sees the same tables.
 */
final class LocalDynamoDb implements AutoCloseable {
    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    static LocalDynamoDb start() {
        loadSqlite();
        LocalDynamoDBServerHandler handler;
        try {
            // authority level 0, in memory, no db path, shared db, no delayed transient statuses; no CORS
            handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        } catch (Exception e) {
            throw new LocalCloudException("DynamoDB Local could not create its in-memory database", e);
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("dynamodb-local");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw new LocalCloudException("DynamoDB Local did not start on 127.0.0.1", e);
        }
        return new LocalDynamoDb(server, handler, connector.getLocalPort());
    }

    /**
     * Loads sqlite4java's native library now rather than on the first request, where a failure would
     * surface as an HTTP 500. DynamoDB Local 3.x carries the library for Linux, macOS and Windows
     * (x86, x86_64, aarch64) inside its own jar and extracts the one for this platform.
     */
    private static void loadSqlite() {
        try {
            SQLiteLibraryLoader.initialize();
        } catch (Exception e) {
            throw new LocalCloudException("DynamoDB Local could not load the SQLite native library for os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                    + ". It extracts the library from DynamoDBLocal.jar into java.io.tmpdir: point"
                    + " -Dorg.sqlite.tmpdir at a writable directory that allows executables, or"
                    + " -Dorg.sqlite.lib.path at a directory holding " + System.mapLibraryName("sqlite4java"), e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LocalCloudException("DynamoDB Local at " + endpoint + " did not stop", e);
        } finally {
            handler.close();
        }
    }
}
