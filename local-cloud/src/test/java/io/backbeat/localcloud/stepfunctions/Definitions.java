package io.backbeat.localcloud.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * ASL definitions kept as test resources, with {@code ${Name}} placeholders filled in as a caller
 * resolves a synthesized template's tokens.
 */
final class Definitions {
    private Definitions() {}

    static String load(String name, Map<String, String> values) {
        String definition;
        try (InputStream in = Definitions.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            definition = definition.replace("${" + value.getKey() + "}", value.getValue());
        }
        assertThat(definition).as("placeholders left in %s", name).doesNotContain("${");
        return definition;
    }
}
