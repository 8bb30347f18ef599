package io.backbeat.cli.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The main class of one cold-start child JVM: builds a handler with its public no-argument constructor (as the
 * Lambda runtime does), reads one event from a file, handles it with a context as Lambda gives one (function name,
 * request id, time left: so the handler takes the same paths as under Lambda, row-count metrics included) and prints
 * {@link #HANDLED} with the milliseconds
 * since the JVM started, then {@link #RESULT} with what the handler returned. It runs on the Lambda jar's class path alone, plus this one class, so it uses only the JDK
 * and what the Lambda jar carries (its Jackson and the Lambda event types); it must stay one class with no nested
 * types, because the benchmark packs just this class file into a jar of its own.
 */
public final class ColdStartDriver {
    /** The line prefix the benchmark waits for. */
    static final String HANDLED = "backbeat-coldstart-handled ";
    /** The line prefix of what the handler returned (outcomes and counts, no row values), printed after the timing. */
    static final String RESULT = "backbeat-coldstart-result ";

    private ColdStartDriver() {}

    /** The handler argument that runs {@link #anchor} instead of a handler of the jar. */
    static final String ANCHOR = "anchor";

    /** Arguments: the handler class (or {@link #ANCHOR}), {@code s3} or {@code map} (the event type), the event JSON file. */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args[0].equals(ANCHOR)) {
            S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
            Object result = anchor(s3, s3Event(new ObjectMapper().readTree(Files.readString(Path.of(args[2])))));
            printHandled(result);
            return;
        }
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) Class.forName(args[0]).getConstructor().newInstance();
        JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(args[2])));
        Object event = args[1].equals("s3") ? s3Event(json) : new ObjectMapper().convertValue(json, Map.class);
        Object result = handler.handleRequest(event, context(System.getenv("AWS_LAMBDA_FUNCTION_NAME")));
        printHandled(result);
    }

    /**
     * The floor of any handler here: the anchor (a JVM that builds an S3 client and parses an S3 event) plus the
     * one call that makes it a handled event, a HEAD of the event's object. No ledger, no stage, no metrics.
     */
    private static String anchor(S3Client s3, S3Event event) {
        S3EventNotification.S3Entity entity = event.getRecords().get(0).getS3();
        HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(entity.getBucket().getName())
                .key(entity.getObject().getKey()).build());
        return "anchor: HEAD " + entity.getObject().getKey() + " contentLength=" + head.contentLength();
    }

    private static void printHandled(Object result) {
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(HANDLED + sinceStart);
        System.out.println(RESULT + result);
        System.out.flush();
        System.exit(0); // SDK and pool threads need not linger: the event is handled
    }

    /**
     * A Lambda context with the function's name, a request id and 15 minutes left; a proxy, as this must stay one class
     * file. Whatever else a handler asks of it is null (or 0).
     */
    private static Context context(String functionName) {
        String requestId = UUID.randomUUID().toString();
        return (Context) Proxy.newProxyInstance(ColdStartDriver.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFunctionName" -> functionName;
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getMemoryLimitInMB" -> 1769;
                    case "toString" -> "ColdStartDriver context of " + functionName;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** The fields of an S3 notification the handlers read; the Lambda runtime's own serializer is not in the jar. */
    private static S3Event s3Event(JsonNode json) {
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        for (JsonNode r : json.get("Records")) {
            JsonNode s3 = r.get("s3");
            JsonNode object = s3.get("object");
            records.add(new S3EventNotification.S3EventNotificationRecord(r.path("awsRegion").asText(), r.path("eventName").asText(),
                    r.path("eventSource").asText(), r.path("eventTime").asText(), r.path("eventVersion").asText(), null, null,
                    new S3EventNotification.S3Entity(s3.path("configurationId").asText(),
                            new S3EventNotification.S3BucketEntity(s3.get("bucket").get("name").asText(), null,
                                    s3.get("bucket").path("arn").asText()),
                            new S3EventNotification.S3ObjectEntity(object.get("key").asText(), object.path("size").asLong(),
                                    object.path("eTag").asText(), object.hasNonNull("versionId") ? object.get("versionId").asText() : null,
                                    object.path("sequencer").asText()),
                            s3.path("s3SchemaVersion").asText()),
                    null));
        }
        return new S3Event(records);
    }
}
