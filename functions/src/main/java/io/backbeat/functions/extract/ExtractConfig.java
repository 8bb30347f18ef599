package io.backbeat.functions.extract;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.util.Map;
import java.util.Objects;

/**
 * The extract function's settings. The client credentials themselves are never settings: they are read from the
 * secret at run time.
 *
 * @param bucket the landing bucket the files go to
 * @param secretArn the Secrets Manager secret holding {@code {"client_id":"...","client_secret":"..."}}
 * @param endpoints the API and token URLs (Spotify's unless set)
 */
public record ExtractConfig(String bucket, String secretArn, CatalogEndpoints endpoints) {

    public ExtractConfig {
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(secretArn, "secretArn must not be null");
        Objects.requireNonNull(endpoints, "endpoints must not be null");
    }

    /** The only place extract reads its environment. */
    public static ExtractConfig fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * @throws IllegalStateException naming a required variable that is unset
     * @throws IllegalArgumentException naming a URL variable that is not an http(s) URL
     */
    public static ExtractConfig from(Map<String, String> environment) {
        String apiBase = environment.get(EnvironmentVariables.CATALOG_API_BASE_URL);
        String tokenUrl = environment.get(EnvironmentVariables.CATALOG_TOKEN_URL);
        CatalogEndpoints endpoints;
        try {
            endpoints = CatalogEndpoints.of(apiBase, tokenUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EnvironmentVariables.CATALOG_API_BASE_URL + " and "
                    + EnvironmentVariables.CATALOG_TOKEN_URL + " must be http(s) URLs when set: " + e.getMessage(), e);
        }
        return new ExtractConfig(RequiredSetting.of(environment, EnvironmentVariables.LANDING_BUCKET),
                RequiredSetting.of(environment, EnvironmentVariables.CATALOG_SECRET_ARN), endpoints);
    }
}
