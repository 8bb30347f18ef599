package io.backbeat.infra;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The dev stack as the app builds it, synthesized once per test JVM and shared by the assertion classes
 * (synthesis through jsii costs seconds; every class reads the same template).
 */
final class DevStack {
    private static BackbeatStack stack;
    private static Template template;

    private DevStack() {}

    /** A fresh dev stack in an app of its own, for tests that change it (aspects). */
    static BackbeatStack create() {
        return BackbeatApp.create(new App(AppProps.builder()
                .context(Map.of(BackbeatApp.ENVIRONMENT_CONTEXT, "dev"))
                .analyticsReporting(false)
                .build()));
    }

    static synchronized BackbeatStack stack() {
        if (stack == null) {
            stack = create();
        }
        return stack;
    }

    static synchronized Template template() {
        if (template == null) {
            template = Template.fromStack(stack());
        }
        return template;
    }

    /** How the template refers to something of the stack, e.g. {@code {"Ref": "LandingBucket…"}}, without naming ids. */
    static Object ref(Object token) {
        return stack().resolve(token);
    }

    /** The logical id of a construct's CloudFormation resource. */
    static String logicalId(IConstruct construct) {
        CfnElement element = construct instanceof CfnElement cfn
                ? cfn
                : (CfnElement) construct.getNode().getDefaultChild();
        return stack().resolve(element.getLogicalId()).toString();
    }
}
