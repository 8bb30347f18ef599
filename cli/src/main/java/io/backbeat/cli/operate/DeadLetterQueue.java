package io.backbeat.cli.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backbeat.functions.stage.StageRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The ingest functions' dead-letter queue: each message is Lambda's on-failure record of an S3 event
 * that failed every retry ({@code requestPayload} is the event). Draining reads every message once,
 * hands its object keys to a replay, and deletes the message only when the replay succeeded; a message
 * it cannot read or replay stays, and is reported. Messages it keeps (all of them in a dry run) are made
 * visible again at the end, so the next reader sees them at once.
 */
final class DeadLetterQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough to replay a batch before the messages show up again for another reader. */
    private static final int VISIBILITY_SECONDS = 300;

    private final SqsClient sqs;
    private final String queueUrl;

    DeadLetterQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    record Drained(int read, int deleted, List<String> unreadable) {}

    /**
     * @param replay replays a message's keys, true when all were replayed
     * @param dryRun read and list, delete nothing (the messages become visible again after the visibility timeout)
     */
    Drained drain(String bucket, Predicate<List<String>> replay, boolean dryRun) {
        Set<String> seen = new HashSet<>();
        List<String> unreadable = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int read = 0;
        int deleted = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(1)).messages();
            List<Message> fresh = messages.stream().filter(message -> seen.add(message.messageId())).toList();
            if (fresh.isEmpty()) {
                kept.forEach(receipt -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(0)));
                return new Drained(read, deleted, unreadable);
            }
            for (Message message : fresh) {
                read++;
                List<String> keys;
                try {
                    keys = keys(message.body(), bucket);
                } catch (IOException | IllegalArgumentException e) {
                    unreadable.add("message " + message.messageId() + ": " + e.getMessage());
                    kept.add(message.receiptHandle());
                    continue;
                }
                if (replay.test(keys) && !dryRun) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    deleted++;
                } else {
                    kept.add(message.receiptHandle());
                }
            }
        }
    }

    /** The object keys of the S3 event inside an on-failure record (or a bare S3 event), URL-decoded. */
    static List<String> keys(String body, String bucket) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode event = root.has("requestPayload") ? root.get("requestPayload") : root;
        JsonNode records = event.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException("it holds no S3 event records");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode record : records) {
            String recordBucket = record.path("s3").path("bucket").path("name").asText();
            if (!recordBucket.equals(bucket)) {
                throw new IllegalArgumentException("its event is for bucket " + recordBucket + ", not " + bucket);
            }
            keys.add(StageRunner.decodeKey(record.path("s3").path("object").path("key").asText()));
        }
        return keys;
    }
}
