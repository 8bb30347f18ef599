package io.backbeat.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The database users of the pipeline and what each may do: {@code grants.sql} beside the migrations,
 * for the load function's user and the refresh user (the state machine's statements and publish).
 *
 * <p>A function signing in to Redshift through the Data API with its IAM role is the database user
 * {@code IAMR:<role name>} (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html). Role names
 * are the only identifiers that reach this SQL from outside, so they are checked against IAM's own pattern
 * for role names and double-quoted.
 */
public final class WarehouseGrants {
    /** IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html */
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final String FILE = "/io/backbeat/warehouse/grants.sql";

    private WarehouseGrants() {}

    /** The database user of an IAM role, {@code IAMR:<role name>}. */
    public static String userOf(String iamRoleName) {
        if (iamRoleName == null || !ROLE_NAME.matcher(iamRoleName).matches()) {
            throw new IllegalArgumentException("'" + iamRoleName + "' is not an IAM role name (1-64 of letters, digits"
                    + " and +=,.@_-)");
        }
        return "IAMR:" + iamRoleName;
    }

    /** {@code CREATE USER} of an IAM role's user that signs in only with IAM (no password). */
    public static String createUser(String iamRoleName) {
        // https://docs.aws.amazon.com/redshift/latest/mgmt/generating-iam-credentials-user-and-groups.html
        return "CREATE USER " + quoted(userOf(iamRoleName)) + " PASSWORD DISABLE";
    }

    /** The GRANT statements for the load role's user and the refresh role's user, in order. */
    public static List<String> statements(String loadRoleName, String refreshRoleName) {
        String load = quoted(userOf(loadRoleName));
        String refresh = quoted(userOf(refreshRoleName));
        return Migration.split(read()).stream()
                .map(statement -> statement.replace("{load_user}", load).replace("{refresh_user}", refresh))
                .toList();
    }

    private static String quoted(String user) {
        return '"' + user + '"';
    }

    private static String read() {
        try (InputStream in = WarehouseGrants.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + FILE, e);
        }
    }
}
