package io.backbeat.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app: one {@link BackbeatStack} named {@code Backbeat-<stage>}, the stage taken from the context key
 * {@value #STAGE_CONTEXT} (default {@value #DEFAULT_STAGE}), so two stages deploy side by side in one account.
 *
 * <pre>{@code
 * cd infra-cdk && npx aws-cdk@2.1148.1 synth -c stage=prod     // the CLI runs ../backbeat cdk-app
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
    /** Context key of the stage name. */
    public static final String STAGE_CONTEXT = "stage";
    public static final String DEFAULT_STAGE = "dev";
    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9-]{0,19}");

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
     * Synthesizes the {@value #DEFAULT_STAGE} stage into {@code outdir}.
     *
     * @return the path of the stack's CloudFormation template (JSON)
     * @throws IllegalStateException when the functions jar has not been built
     */
    public static Path synthesize(Path outdir) {
        return synthesize(outdir, DEFAULT_STAGE);
    }

    /** Synthesizes {@code stage} into {@code outdir}; returns the path of the stack's template. */
    public static Path synthesize(Path outdir, String stage) {
        Objects.requireNonNull(outdir, "outdir must not be null");
        App app = new App(AppProps.builder()
                .outdir(outdir.toAbsolutePath().toString())
                .context(Map.of(STAGE_CONTEXT, stage))
                .build());
        BackbeatStack stack = create(app);
        CloudAssembly assembly = app.synth();
        return Path.of(assembly.getStackByName(stack.getStackName()).getTemplateFullPath());
    }

    /** {@code infra-cdk/target/cdk.out} of this checkout, where the local runner finds the template. */
    public static Path defaultOutdir() {
        return Repository.root().resolve("infra-cdk").resolve("target").resolve("cdk.out");
    }

    /** The stack of the stage named by the app's context. */
    static BackbeatStack create(App app) {
        Object configured = app.getNode().tryGetContext(STAGE_CONTEXT);
        String stage = configured == null ? DEFAULT_STAGE : configured.toString();
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("context " + STAGE_CONTEXT + " must be 1 to 20 lowercase letters, digits and"
                    + " dashes, starting with a letter (it is part of resource names), got '" + stage + "'");
        }
        BackbeatStackProps props = ContextSettings.apply(app.getNode(), BackbeatStackProps.of(stage, FunctionsJar.of(app)));
        return new BackbeatStack(app, "Backbeat-" + stage, props);
    }
}
