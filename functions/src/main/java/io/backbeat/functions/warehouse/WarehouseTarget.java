package io.backbeat.functions.warehouse;

import java.util.Objects;

/**
 * Which Redshift the Data API talks to: a Serverless workgroup, or a provisioned cluster with a
 * database user (IAM authentication) or a Secrets Manager secret.
 *
 * @param database the database name
 * @param workgroupName the Serverless workgroup, or null for a cluster
 * @param clusterIdentifier the provisioned cluster, or null for Serverless
 * @param dbUser the database user for a cluster with IAM authentication, or null
 * @param secretArn the secret holding credentials, or null
 */
public record WarehouseTarget(String database, String workgroupName, String clusterIdentifier, String dbUser, String secretArn) {

    public WarehouseTarget {
        Objects.requireNonNull(database, "database must not be null");
        if ((workgroupName == null) == (clusterIdentifier == null)) {
            throw new IllegalArgumentException("name exactly one of a Serverless workgroup or a provisioned cluster, got workgroup="
                    + workgroupName + " cluster=" + clusterIdentifier);
        }
        if (clusterIdentifier != null && dbUser == null && secretArn == null) {
            throw new IllegalArgumentException("cluster " + clusterIdentifier + " needs a database user (IAM authentication) or a secret ARN");
        }
    }

    public static WarehouseTarget serverless(String database, String workgroupName) {
        return new WarehouseTarget(database, workgroupName, null, null, null);
    }

    public static WarehouseTarget cluster(String database, String clusterIdentifier, String dbUser) {
        return new WarehouseTarget(database, null, clusterIdentifier, dbUser, null);
    }
}
