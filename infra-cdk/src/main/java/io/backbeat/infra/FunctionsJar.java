package io.backbeat.infra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The Lambda deployment package Maven builds: {@code functions/target/backbeat-functions-lambda.jar}, found
 * next to this module whatever the working directory (the CDK CLI runs the app from {@code infra-cdk/},
 * tests and the launcher from elsewhere). The context key {@value #CONTEXT_KEY} points elsewhere.
 *
 * @param path where the jar is expected
 */
public record FunctionsJar(Path path) {
    /** CDK context key overriding the jar's location: {@code cdk synth -c functionsJar=/path/to.jar}. */
    public static final String CONTEXT_KEY = "functionsJar";
    static final String BUILD_COMMAND = "./mvnw -pl functions -am package -DskipTests";
    private static final String RELATIVE_PATH = "functions/target/backbeat-functions-lambda.jar";

    public FunctionsJar {
        Objects.requireNonNull(path, "path must not be null");
        path = path.toAbsolutePath().normalize();
    }

    /** The jar named by the context of {@code scope}, or the one Maven builds in this repository. */
    public static FunctionsJar of(Construct scope) {
        Object configured = scope.getNode().tryGetContext(CONTEXT_KEY);
        return configured == null ? inRepository() : new FunctionsJar(Path.of(configured.toString()));
    }

    /** The jar of the repository this module was built in. */
    public static FunctionsJar inRepository() {
        return new FunctionsJar(repositoryRoot().resolve(RELATIVE_PATH));
    }

    /**
     * The jar as Lambda code, uploaded as a file asset (no bundling).
     *
     * @throws IllegalStateException naming the Maven command when the jar has not been built
     */
    public Code code() {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("The Lambda deployment jar " + path + " does not exist. Build it first, from the"
                    + " repository root: " + BUILD_COMMAND + " (./backbeat cdk-app builds it too), or point the context key "
                    + CONTEXT_KEY + " at a built jar.");
        }
        return Code.fromAsset(path.toString());
    }

    /** The repository root: the parent of the module whose {@code target/} holds these classes. */
    private static Path repositoryRoot() {
        try {
            Path location = Path.of(FunctionsJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("target") && dir.getParent() != null
                        && dir.getParent().getParent() != null) {
                    return dir.getParent().getParent();
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("functions")) ? cwd : cwd.getParent();
    }
}
