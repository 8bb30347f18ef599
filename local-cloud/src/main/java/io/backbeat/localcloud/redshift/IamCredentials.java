package io.backbeat.localcloud.redshift;

import io.backbeat.localcloud.cloud.LocalClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Fake credentials of IAM roles, one access key id per role, and who a request's SigV4
 * {@code Authorization} header says signed it. JVM-wide, so wiring code can build clients for a role
 * before any local Redshift starts; signatures are not checked.
 */
final class IamCredentials {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Za-z0-9]+)/");
    private static final Map<String, String> ROLE_BY_ACCESS_KEY = new ConcurrentHashMap<>();

    private IamCredentials() {}

    /** Static credentials whose access key id (letters and digits only) stands for {@code roleName}. */
    static AwsCredentialsProvider forRole(String roleName) {
        DatabaseUser.ofIamRole(roleName);
        String accessKey = "ASIA" + sha256(roleName).substring(0, 16).toUpperCase(Locale.ROOT);
        ROLE_BY_ACCESS_KEY.put(accessKey, roleName);
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "localsecretof" + accessKey));
    }

    /** Who signed a request, from its Authorization header. */
    sealed interface Caller {
        /** No Authorization header, or the access key of {@link LocalClients#CREDENTIALS}. */
        record LocalDefault() implements Caller {}

        record IamRole(String roleName) implements Caller {}

        record Unknown(String accessKey) implements Caller {}
    }

    static Caller caller(String authorization) {
        if (authorization == null) {
            return new Caller.LocalDefault();
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!credential.find()) {
            return new Caller.Unknown("");
        }
        String accessKey = credential.group(1);
        if (accessKey.equals(LocalClients.CREDENTIALS.resolveCredentials().accessKeyId())) {
            return new Caller.LocalDefault();
        }
        String role = ROLE_BY_ACCESS_KEY.get(accessKey);
        return role == null ? new Caller.Unknown(accessKey) : new Caller.IamRole(role);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("backbeat-local-iam-role:" + text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
