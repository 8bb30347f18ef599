package io.backbeat.localcloud.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * S3 {@code ObjectCreated} events for handler tests and local runs, built from the real notification
 * kept in events' resources ({@code /io/backbeat/events/s3/object-created-put.json}) and read by the
 * serializer the Lambda Java runtime uses, so a handler sees exactly what it would see in AWS: keys
 * URL-encoded as S3 encodes them, joda-time event times, eTags without quotes, and an empty
 * {@code versionId} (not null) for an object of an unversioned bucket, whose notification has none.
 *
 * <pre>{@code
 * S3Event put = S3EventFixtures.objectCreated("landing", "raw/streams/june 2024.csv", "d41d8cd9...", 553_410);
 * put.getRecords().get(0).getS3().getObject().getKey();   // raw/streams/june+2024.csv
 * S3Event uploaded = S3EventFixtures.objectCreated(cloud.s3Client(), bucket, key);   // HEADs the object
 * S3Event sample = S3EventFixtures.load("object-created-hostile-keys.json");
 * }</pre>
 *
 * <p>Each record gets the current time and a sequencer larger than any before it in this JVM. An eTag
 * of a multipart upload ({@code ...-N}) makes the event name {@code ObjectCreated:CompleteMultipartUpload},
 * any other {@code ObjectCreated:Put}. Methods throw {@link IllegalArgumentException} for a sample that
 * is not on the class path and {@link software.amazon.awssdk.services.s3.model.S3Exception} when the
 * HEAD fails.
 */
public final class S3EventFixtures {
    /** Class-path folder of the sample events in events' resources. */
    public static final String SAMPLES = "/io/backbeat/events/s3/";
    private static final String TEMPLATE = "object-created-put.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<S3Event> LAMBDA_JSON =
            LambdaEventSerializers.serializerFor(S3Event.class, S3EventFixtures.class.getClassLoader());
    private static final JsonNode TEMPLATE_RECORD = readTree(TEMPLATE).get("Records").get(0);
    private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() << 16);

    private S3EventFixtures() {}

    /** A one-record Put event for an object of an unversioned bucket; {@code key} is not encoded. */
    public static S3Event objectCreated(String bucket, String key, String eTag, long size) {
        return objectsCreated(List.of(CreatedObject.of(bucket, key, eTag, size)));
    }

    /** A one-record event for an object of a versioned bucket; {@code key} is not encoded. */
    public static S3Event objectCreated(String bucket, String key, String eTag, long size, String versionId) {
        return objectsCreated(List.of(CreatedObject.of(bucket, key, eTag, size, versionId)));
    }

    /** A one-record event for an object that exists: HEADs it for its eTag, size and version id. */
    public static S3Event objectCreated(S3Client s3, String bucket, String key) {
        Objects.requireNonNull(s3, "s3 must not be null");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
        return objectsCreated(List.of(
                CreatedObject.of(bucket, key, head.eTag(), head.contentLength(), head.versionId())));
    }

    /** One event with a record per object, in order, as S3 batches them. */
    public static S3Event objectsCreated(List<CreatedObject> objects) {
        return parse(objectsCreatedJson(objects));
    }

    /** The notification JSON of {@link #objectCreated(String, String, String, long)}. */
    public static String objectCreatedJson(String bucket, String key, String eTag, long size) {
        return objectsCreatedJson(List.of(CreatedObject.of(bucket, key, eTag, size)));
    }

    /** The notification JSON of {@link #objectCreated(String, String, String, long, String)}; versionId may be null. */
    public static String objectCreatedJson(String bucket, String key, String eTag, long size, String versionId) {
        return objectsCreatedJson(List.of(CreatedObject.of(bucket, key, eTag, size, versionId)));
    }

    /** The notification JSON of {@link #objectsCreated(List)}. */
    public static String objectsCreatedJson(List<CreatedObject> objects) {
        Objects.requireNonNull(objects, "objects must not be null");
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("objects must not be empty: S3 sends no event without a record");
        }
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        objects.forEach(object -> records.add(record(object)));
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an S3 event of " + objects.size() + " records", e);
        }
    }

    /**
     * Reads a sample event from the class path.
     *
     * @param resourceName a file name in {@link #SAMPLES}, such as {@code object-created-multipart.json},
     *     or an absolute class-path resource starting with '/'
     */
    public static S3Event load(String resourceName) {
        try (InputStream in = open(resourceName)) {
            return LAMBDA_JSON.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read S3 event sample " + resourceName, e);
        }
    }

    /** Reads notification JSON as the Lambda Java runtime does. */
    public static S3Event parse(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return LAMBDA_JSON.fromJson(json);
    }

    private static ObjectNode record(CreatedObject object) {
        ObjectNode record = TEMPLATE_RECORD.deepCopy();
        record.put("eventTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("eventName", object.isMultipart() ? "ObjectCreated:CompleteMultipartUpload" : "ObjectCreated:Put");
        ObjectNode bucket = (ObjectNode) record.get("s3").get("bucket");
        bucket.put("name", object.bucket());
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode s3Object = (ObjectNode) record.get("s3").get("object");
        s3Object.put("key", S3KeyEncoding.encode(object.key()));
        s3Object.put("size", object.size());
        s3Object.put("eTag", object.eTag());
        if (object.versionId() == null) {
            s3Object.remove("versionId");
        } else {
            s3Object.put("versionId", object.versionId());
        }
        s3Object.put("sequencer", String.format("%018X", SEQUENCER.incrementAndGet()));
        return record;
    }

    private static JsonNode readTree(String resourceName) {
        try (InputStream in = open(resourceName)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read S3 event sample " + resourceName, e);
        }
    }

    private static InputStream open(String resourceName) {
        Objects.requireNonNull(resourceName, "resourceName must not be null");
        String path = resourceName.startsWith("/") ? resourceName : SAMPLES + resourceName;
        InputStream in = S3EventFixtures.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("No S3 event sample " + path + " on the class path; samples live in"
                    + " events/src/main/resources" + SAMPLES + " and need backbeat-events as a dependency");
        }
        return in;
    }
}
