package io.backbeat.localcloud.redshift;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database user a request runs as: the namespace admin, or the user Redshift maps an IAM role
 * to, {@code IAMR:<role name>}
 * (the Data API signs in an IAM role as that user: https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html;
 * "the database user is mapped 1:1 to the source IAM identity":
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentialsWithIAM.html).
 *
 * @param name the PostgreSQL role name, at most 63 bytes (PostgreSQL's limit; longer names are cut,
 *     as PostgreSQL cuts an over-long quoted identifier in a GRANT)
 * @param admin whether it is the admin, a superuser as Redshift's admin user is
 */
record DatabaseUser(String name, boolean admin) {
    /** The admin user name Redshift Serverless suggests for a new namespace. */
    static final DatabaseUser ADMIN = new DatabaseUser("admin", true);
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern DB_USER = Pattern.compile("[\\w.@+=,:-]{1,63}");
    private static final int MAX_NAME_BYTES = 63;

    DatabaseUser {
        Objects.requireNonNull(name, "name must not be null");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES || name.indexOf('"') >= 0) {
            throw new IllegalArgumentException("name must be at most 63 bytes and hold no double quote: " + name);
        }
    }

    /**
     * The user of an IAM role.
     *
     * @throws IllegalArgumentException when {@code roleName} is not an IAM role name ({@code [\w+=,.@-]{1,64}})
     */
    static DatabaseUser ofIamRole(String roleName) {
        if (roleName == null || !ROLE_NAME.matcher(roleName).matches()) {
            throw new IllegalArgumentException("'" + roleName + "' is not an IAM role name: 1 to 64 of letters,"
                    + " digits and + = , . @ _ - (give the role's name, not its ARN)");
        }
        String name = "IAMR:" + roleName;
        return new DatabaseUser(name.length() > MAX_NAME_BYTES ? name.substring(0, MAX_NAME_BYTES) : name, false);
    }

    /**
     * The user a request names in DbUser: the admin under its name, any other as a user of that name
     * without privileges.
     *
     * @throws IllegalArgumentException when {@code dbUser} is not a plain user name
     */
    static DatabaseUser ofDbUser(String dbUser) {
        if (ADMIN.name().equals(dbUser)) {
            return ADMIN;
        }
        if (!DB_USER.matcher(dbUser).matches()) {
            throw new IllegalArgumentException("DbUser '" + dbUser + "' is not a user name the local warehouse takes:"
                    + " 1 to 63 letters, digits and _ . @ + = , : -");
        }
        return new DatabaseUser(dbUser, false);
    }

    /** The name as a quoted SQL identifier. */
    String sql() {
        return '"' + name + '"';
    }
}
