package io.backbeat.cli.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Step Functions endpoint that answers every request as a successful {@code StartExecution}: load starts the
 * kpi-refresh state machine after it loads, and the local cloud has no Step Functions API a child JVM can call. The
 * refresh itself is not part of load's cold start.
 */
final class StartExecutionStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger started = new AtomicInteger();

    private StartExecutionStub(HttpServer server) {
        this.server = server;
    }

    static StartExecutionStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StartExecutionStub stub = new StartExecutionStub(server);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:coldstart:"
                        + stub.started.incrementAndGet() + "\",\"startDate\":" + System.currentTimeMillis() / 1000 + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Step Functions stub on 127.0.0.1", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
