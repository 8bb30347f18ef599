package io.backbeat.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app: one {@link BackbeatStack} named {@code Backbeat-<environment>}, the deployment environment taken
 * from the context key {@value #ENVIRONMENT_CONTEXT} (default {@value #DEFAULT_ENVIRONMENT}), so two environments
 * deploy side by side in one account. The key was {@value #OLD_ENVIRONMENT_CONTEXT} before 0.2 ("stage" is a
 * pipeline step now); it is still read, with a warning.
 *
 * <pre>{@code
 * cd infra-cdk && npx aws-cdk@2.1148.1 synth -c environment=prod     // the CLI runs ../backbeat cdk-app
 * Path template = BackbeatApp.synthesize(Path.of("target/cdk.out"));   // tests and the local runner
 * }</pre>
 *
 * <p>Other context keys set what differs between environments: the warehouse's Availability Zones, reserved
 * concurrency, the tables' deletion protection, the audit log retention ({@link ContextSettings}).
 *
 * <p>Run by the CDK CLI, the app writes where {@code CDK_OUTDIR} says; run on its own, to
 * {@code infra-cdk/target/cdk.out} of this checkout.
 * Synthesis fails with an {@link IllegalStateException} naming the Maven command when the functions jar is missing.
 */
public final class BackbeatApp {
    /** Context key of the deployment environment's name. */
    public static final String ENVIRONMENT_CONTEXT = "environment";
    /** The context key {@link #ENVIRONMENT_CONTEXT} had before, still read so that existing deploy commands work. */
    public static final String OLD_ENVIRONMENT_CONTEXT = "stage";
    public static final String DEFAULT_ENVIRONMENT = "dev";
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    private BackbeatApp() {}

    public static void main(String[] args) {
        // The CDK CLI passes the output directory in CDK_OUTDIR, which App reads itself.
        AppProps.Builder props = AppProps.builder();
        if (System.getenv("CDK_OUTDIR") == null) {
            props.outdir(defaultOutdir().toString());
        }
        App app = new App(props.build());
        create(app);
        app.synth();
    }

    /**
     * Synthesizes the {@value #DEFAULT_ENVIRONMENT} environment into {@code outdir}.
     *
     * @return the path of the stack's CloudFormation template (JSON)
     * @throws IllegalStateException when the functions jar has not been built
     */
    public static Path synthesize(Path outdir) {
        return synthesize(outdir, DEFAULT_ENVIRONMENT);
    }

    /** Synthesizes {@code environment} into {@code outdir}; returns the path of the stack's template. */
    public static Path synthesize(Path outdir, String environment) {
        Objects.requireNonNull(outdir, "outdir must not be null");
        App app = new App(AppProps.builder()
                .outdir(outdir.toAbsolutePath().toString())
                .context(Map.of(ENVIRONMENT_CONTEXT, environment))
                .build());
        BackbeatStack stack = create(app);
        CloudAssembly assembly = app.synth();
        return Path.of(assembly.getStackByName(stack.getStackName()).getTemplateFullPath());
    }

    /** {@code infra-cdk/target/cdk.out} of this checkout, where the local runner finds the template. */
    public static Path defaultOutdir() {
        return Repository.root().resolve("infra-cdk").resolve("target").resolve("cdk.out");
    }

    /** The stack of the environment named by the app's context. */
    static BackbeatStack create(App app) {
        Object configured = app.getNode().tryGetContext(ENVIRONMENT_CONTEXT);
        Object old = app.getNode().tryGetContext(OLD_ENVIRONMENT_CONTEXT);
        if (configured != null && old != null && !configured.toString().equals(old.toString())) {
            throw new IllegalArgumentException("context " + ENVIRONMENT_CONTEXT + "=" + configured + " and "
                    + OLD_ENVIRONMENT_CONTEXT + "=" + old + " disagree; " + OLD_ENVIRONMENT_CONTEXT + " is the old name of "
                    + ENVIRONMENT_CONTEXT + ": give only -c " + ENVIRONMENT_CONTEXT + "=...");
        }
        String environment = configured != null ? configured.toString() : old != null ? old.toString() : DEFAULT_ENVIRONMENT;
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("context " + ENVIRONMENT_CONTEXT + " must be 1 to 20 lowercase letters, digits"
                    + " and dashes, starting with a letter (it is part of resource names), got '" + environment + "'");
        }
        BackbeatStackProps props = ContextSettings.apply(app.getNode(),
                BackbeatStackProps.of(environment, FunctionsJar.of(app)));
        BackbeatStack stack = new BackbeatStack(app, "Backbeat-" + environment, props);
        if (configured == null && old != null) {
            Annotations.of(stack).addWarningV2("backbeat:contextStageRenamed", "the context key " + OLD_ENVIRONMENT_CONTEXT
                    + " is now " + ENVIRONMENT_CONTEXT + " (a stage is a pipeline step): use -c " + ENVIRONMENT_CONTEXT + "="
                    + environment);
        }
        return stack;
    }
}
