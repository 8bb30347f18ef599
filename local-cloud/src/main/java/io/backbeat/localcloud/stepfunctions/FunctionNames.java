package io.backbeat.localcloud.stepfunctions;

import java.util.Objects;

/**
 * The function name in what Lambda accepts as FunctionName: a name, a full ARN
 * ({@code arn:aws:lambda:us-east-1:123456789012:function:name}), a partial ARN
 * ({@code 123456789012:function:name}), each optionally with {@code :version} or {@code :alias}.
 * Bindings and lookups both go through it, so a function bound by name answers a Task that names it
 * by ARN, as CDK-synthesized definitions do.
 */
final class FunctionNames {
    private FunctionNames() {}

    static String of(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "function name must not be null");
        String[] parts = nameOrArn.split(":", -1);
        String name;
        if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("function")) {
            name = parts[6];
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            name = parts[2];
        } else {
            name = parts[0];
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("function name must not be blank, was '" + nameOrArn + "'");
        }
        return name;
    }
}
