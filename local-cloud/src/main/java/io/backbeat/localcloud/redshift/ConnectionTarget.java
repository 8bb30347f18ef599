package io.backbeat.localcloud.redshift;

import java.util.Objects;

/**
 * Where a request said to run: the database and the workgroup, or the cluster with its user or
 * secret. Echoed back in responses as the Data API does.
 *
 * @param workgroupName null when a cluster is named
 * @param clusterIdentifier null when a workgroup is named
 * @param dbUser null unless given
 * @param secretArn null unless given
 * @param user the database user the statement runs as, decided from the caller and the above
 */
record ConnectionTarget(String database, String workgroupName, String clusterIdentifier, String dbUser, String secretArn,
        DatabaseUser user) {
    ConnectionTarget {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(user, "user must not be null");
        if ((workgroupName == null) == (clusterIdentifier == null)) {
            throw new IllegalArgumentException("exactly one of workgroupName and clusterIdentifier must be set");
        }
    }
}
