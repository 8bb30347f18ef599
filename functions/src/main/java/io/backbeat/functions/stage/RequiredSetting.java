package io.backbeat.functions.stage;

import java.util.Map;

/** Reads settings from an environment map, failing fast with the variable's name. */
public final class RequiredSetting {

    private RequiredSetting() {}

    /**
     * @throws IllegalStateException naming the variable when it is unset or blank
     */
    public static String of(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the stack sets it on"
                    + " every function (see infra-cdk), and local runs must set it too");
        }
        return value.strip();
    }

    /** The value, or {@code fallback} when unset or blank. */
    public static String orDefault(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
