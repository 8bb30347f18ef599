package io.backbeat.functions.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads the client credentials from a secret whose value is {@code {"client_id":"...","client_secret":"..."}}.
 * The secret's value is fetched each time, so a value the operator changes is used by the next run. Errors name
 * the secret and the field, never the value.
 */
final class SecretCredentials {
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secretArn;
    private final UnaryOperator<String> secretValue;

    /**
     * @param secretValue the secret's string value by its ARN, e.g.
     *     {@code arn -> secretsManager.getSecretValue(r -> r.secretId(arn)).secretString()}
     */
    SecretCredentials(String secretArn, UnaryOperator<String> secretValue) {
        this.secretArn = Objects.requireNonNull(secretArn, "secretArn must not be null");
        this.secretValue = Objects.requireNonNull(secretValue, "secretValue must not be null");
    }

    /** @throws IllegalStateException when the secret has no value or is not the expected JSON */
    ClientSecret read() {
        String value = secretValue.apply(secretArn);
        String fix = "; set it to {\"" + CLIENT_ID + "\":\"...\",\"" + CLIENT_SECRET + "\":\"...\"} with the id and secret"
                + " of your app (docs/catalog.md)";
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the secret " + secretArn + " has no value" + fix);
        }
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (IOException e) {
            // Not the parser's message, nor the exception as cause: both may quote the secret.
            throw new IllegalStateException("the secret " + secretArn + " is not JSON" + fix);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("the secret " + secretArn + " is not a JSON object" + fix);
        }
        return new ClientSecret(field(json, CLIENT_ID, fix), field(json, CLIENT_SECRET, fix));
    }

    private String field(JsonNode json, String name, String fix) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("the secret " + secretArn + " has no " + name + fix);
        }
        return value.asText().strip();
    }
}
