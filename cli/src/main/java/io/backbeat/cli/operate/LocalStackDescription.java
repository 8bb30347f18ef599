package io.backbeat.cli.operate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code backbeat local run --keep} writes while its stack runs, and {@code --local} reads: the
 * local stand-ins for the stack's outputs (bucket, tables, dead-letter queue) and the endpoints that
 * serve them.
 *
 * @param deadLetterQueueUrl the local queue failed events go to, or null when the local stack has none
 * @param sqsEndpoint where that queue is served, or null
 * @param pid the process running the local stack
 */
public record LocalStackDescription(
        URI s3Endpoint, URI dynamoDbEndpoint, URI sqsEndpoint, String bucket, String ledgerTable, String servingTable,
        String deadLetterQueueUrl, long pid) {

    /** Where {@code backbeat local run --keep} writes it when {@code --out} is left alone. */
    public static final Path DEFAULT_FILE = Path.of("out", "local-run", "local-stack.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LocalStackDescription {
        Objects.requireNonNull(s3Endpoint, "s3Endpoint must not be null");
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint must not be null");
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(ledgerTable, "ledgerTable must not be null");
        Objects.requireNonNull(servingTable, "servingTable must not be null");
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** @throws IllegalArgumentException naming the file and what to do, when it is missing or unreadable */
    public static LocalStackDescription read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), LocalStackDescription.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no local stack is described at " + file + "; start one with"
                    + " 'backbeat local run --keep' (in another terminal), or give its file: --local FILE");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " does not describe a local stack (" + e.getMessage()
                    + "); it is written by 'backbeat local run --keep'");
        }
    }
}
