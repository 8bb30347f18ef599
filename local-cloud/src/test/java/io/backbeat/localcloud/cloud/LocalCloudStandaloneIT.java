package io.backbeat.localcloud.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the local cloud in a fresh JVM from a plain class path of jars, as the CLI will: no Maven, no
 * sqlite4java native artifacts, an empty {@code java.library.path} and a {@code java.io.tmpdir} of its own.
 */
class LocalCloudStandaloneIT {
    @Test
    void plainJvm_startsWorksAndExitsWithoutLeavingFiles(@TempDir Path tmp) throws Exception {
        Path libraryPath = Files.createDirectory(tmp.resolve("no-native-libraries"));
        Path javaTmp = Files.createDirectory(tmp.resolve("java-tmp"));
        String classPath = System.getProperty("java.class.path");
        assertThat(classPath.split(File.pathSeparator)).noneMatch(entry -> entry.matches(".*\\.(so|dll|dylib)"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=" + libraryPath,
                "-Djava.io.tmpdir=" + javaTmp,
                "-cp", classPath,
                StandaloneRun.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();

        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("JVM exited after main returned; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("standalone ok: body=hello items=1");
        try (var left = Files.list(javaTmp)) {
            assertThat(left).as("files left in java.io.tmpdir").isEmpty();
        }
    }
}
