package io.backbeat.functions.extract;

import java.util.Objects;

/**
 * The client id and secret of an app registered with the catalogue API, for the client-credentials flow. Its
 * {@link #toString()} never shows the secret, so a record printed by mistake leaks nothing.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 */
public record ClientSecret(String clientId, String clientSecret) {

    public ClientSecret {
        Objects.requireNonNull(clientId, "clientId must not be null");
        Objects.requireNonNull(clientSecret, "clientSecret must not be null");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ClientSecret[clientId=" + clientId + ", clientSecret=<hidden>]";
    }
}
