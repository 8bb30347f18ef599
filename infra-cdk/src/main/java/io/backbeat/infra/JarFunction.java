package io.backbeat.infra;

import static io.backbeat.infra.TemplateMaps.sorted;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A function of the functions jar that the stack runs for itself (not an ingest stage): its own role, which may
 * write only to its own log group (no AWSLambdaBasicExecutionRole), JSON logs and active tracing, like the stage
 * functions of {@link IngestFunctions}. The caller grants the rest.
 *
 * @param function the function, named {@code Function} in {@code scope}
 * @param role its execution role, {@code Role} in {@code scope}
 */
record JarFunction(Function function, Role role) {

    /** What differs from one such function to another. */
    record Spec(String description, String handler, int memoryMb, Duration timeout, Map<String, String> environment) {}

    static JarFunction create(Construct scope, FunctionsJar jar, RetentionDays logRetention, Spec spec) {
        LogGroup logGroup = LogGroup.Builder.create(scope, "Logs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Execution role of: " + spec.description())
                .build();
        logGroup.grantWrite(role);
        Function function = Function.Builder.create(scope, "Function")
                .description(spec.description())
                .runtime(IngestFunctions.RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(jar.code())
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .environment(sorted(spec.environment()))
                .build();
        return new JarFunction(function, role);
    }
}
