package io.backbeat.infra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this checkout is: the parent of the module whose {@code target/} holds these classes, so paths do not
 * depend on the working directory (the CDK CLI runs the app from {@code infra-cdk/}, Maven and tests from elsewhere).
 */
final class Repository {
    private Repository() {}

    static Path root() {
        try {
            Path location = Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("target") && dir.getParent() != null
                        && dir.getParent().getParent() != null) {
                    return dir.getParent().getParent();
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // not loaded from a Maven build directory: fall back to the working directory below
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("functions")) ? cwd : cwd.getParent();
    }
}
