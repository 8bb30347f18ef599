package io.backbeat.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies the bucket's {@code quarantine/} zone (rejected rows and their JSON reports) into a folder,
 * keeping the key layout below it. A key that would land outside the folder is skipped and listed,
 * whatever its segments say.
 */
final class QuarantineExport {
    static final String PREFIX = "quarantine/";

    private QuarantineExport() {}

    /** What was copied, and the keys skipped because they would have landed outside the folder. */
    record Copied(List<Path> files, List<String> skippedKeys) {}

    static Copied copy(S3Client s3, String bucket, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(PREFIX)).contents()) {
            Path target = root.resolve(object.key().substring(PREFIX.length())).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                skipped.add(object.key());
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            s3.getObject(r -> r.bucket(bucket).key(object.key()), target);
            written.add(target);
        }
        return new Copied(List.copyOf(written), List.copyOf(skipped));
    }
}
