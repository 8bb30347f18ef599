package io.backbeat.localcloud.redshift;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;

/**
 * An initialized PostgreSQL data directory, made once per JVM, that every local Redshift starts from a copy of.
 * initdb costs seconds of CPU (most of a local Redshift's start-up); copying its result costs a tenth of a second.
 * Each copy is a cluster of its own, as before: nothing a local Redshift creates (databases, users, tables) is seen
 * by another.
 */
final class ClusterTemplate {
    private static Path template;

    private ClusterTemplate() {}

    /** A fresh data directory, initialized, that the caller starts a server on and deletes after it stopped. */
    static synchronized Path copy() throws IOException {
        if (template == null) {
            template = initialize();
        }
        Path copy = Files.createTempDirectory("backbeat-local-redshift-");
        FileUtils.copyDirectory(template.toFile(), copy.toFile());
        return copy;
    }

    /** Runs initdb through a server that starts and stops once; its lock file is not part of the template. */
    private static Path initialize() throws IOException {
        Path directory = Files.createTempDirectory("backbeat-local-redshift-template-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(directory.toFile())));
        try (EmbeddedPostgres ignored = EmbeddedPostgres.builder().setDataDirectory(directory)
                .setCleanDataDirectory(false).start()) {
            // initdb ran; the server is not needed.
        }
        Files.deleteIfExists(directory.resolve("epg-lock"));
        Files.deleteIfExists(directory.resolve("postmaster.pid"));
        return directory;
    }
}
