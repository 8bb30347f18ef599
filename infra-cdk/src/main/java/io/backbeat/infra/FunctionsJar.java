package io.backbeat.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The Lambda deployment package Maven builds: {@code functions/target/backbeat-functions-lambda.jar} of this
 * checkout, whatever the working directory. The context key {@value #CONTEXT_KEY} points elsewhere.
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
        return new FunctionsJar(Repository.root().resolve(RELATIVE_PATH));
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
}
