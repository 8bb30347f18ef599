package io.backbeat.localcloud.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 protocol on 127.0.0.1: every request is a POST to {@code /} naming its
 * operation in {@code X-Amz-Target: RedshiftData.<Operation>}, with a JSON body; a response is
 * HTTP 200 with a JSON body, or an error as {@link DataApiException} describes. Signatures are not
 * checked; the access key id in the SigV4 {@code Authorization} header says who calls
 * ({@link IamCredentials}).
 */
final class DataApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataApiServer.class);
    private static final String TARGET_PREFIX = "RedshiftData.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI endpoint;

    private DataApiServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static DataApiServer start(DataApi api) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new LocalRedshiftException("The Redshift Data API endpoint could not listen on 127.0.0.1", e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "local-redshift-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(api, exchange));
        server.start();
        return new DataApiServer(server, threads);
    }

    URI endpoint() {
        return endpoint;
    }

    private static void serve(DataApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            JsonNode body;
            try {
                body = api.handle(operation(exchange), request(exchange),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                status = 200;
            } catch (DataApiException e) {
                body = error(e);
                status = e.httpStatus();
            } catch (RuntimeException e) {
                LOG.error("The local Redshift endpoint failed on {}", exchange.getRequestHeaders().getFirst("X-Amz-Target"), e);
                DataApiException internal = DataApiException.internal("local Redshift endpoint: " + e);
                body = error(internal);
                status = internal.httpStatus();
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String operation(HttpExchange exchange) throws DataApiException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw DataApiException.unknownOperation(String.valueOf(target));
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static JsonNode request(HttpExchange exchange) throws DataApiException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            JsonNode request = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (!request.isObject()) {
                throw DataApiException.validation("The request body must be a JSON object");
            }
            return request;
        } catch (IOException e) {
            throw DataApiException.validation("The request body is not JSON: " + e.getMessage());
        }
    }

    private static ObjectNode error(DataApiException e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        e.fields().forEach(body::put);
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
