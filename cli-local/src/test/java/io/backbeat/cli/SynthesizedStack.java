package io.backbeat.cli;

import io.backbeat.infra.BackbeatApp;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;

/**
 * The stack as CDK synthesizes it, once per test JVM: synthesis runs the CDK app in jsii's Node process, seconds
 * each time, and every test class that deploys the stack locally needs the same template and none changes it.
 */
public final class SynthesizedStack {
    private static Path templateFile;
    private static SynthesizedTemplate template;

    private SynthesizedStack() {}

    /** The template file in a folder of its own, deleted when the JVM exits. */
    public static synchronized Path templateFile() {
        if (templateFile == null) {
            try {
                Path directory = Files.createTempDirectory("backbeat-synthesized-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(directory.toFile())));
                templateFile = BackbeatApp.synthesize(directory.resolve("cdk.out"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return templateFile;
    }

    public static synchronized SynthesizedTemplate template() {
        if (template == null) {
            template = SynthesizedTemplate.read(templateFile());
        }
        return template;
    }
}
