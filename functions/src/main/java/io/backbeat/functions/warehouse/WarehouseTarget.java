package io.backbeat.functions.warehouse;

import io.backbeat.events.EnvironmentVariables;
import io.backbeat.functions.stage.RequiredSetting;
import java.util.Map;
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

    /** The Redshift a function's environment names (load, publish and setup read the same variables). */
    public static WarehouseTarget from(Map<String, String> environment) {
        String database = RequiredSetting.of(environment, EnvironmentVariables.WAREHOUSE_DATABASE);
        String workgroup = RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_WORKGROUP, null);
        String cluster = RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_CLUSTER, null);
        if ((workgroup == null) == (cluster == null)) {
            throw new IllegalStateException("set exactly one of " + EnvironmentVariables.WAREHOUSE_WORKGROUP + " (Redshift"
                    + " Serverless) and " + EnvironmentVariables.WAREHOUSE_CLUSTER + " (provisioned cluster)");
        }
        return new WarehouseTarget(database, workgroup, cluster,
                RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_DB_USER, null),
                RequiredSetting.orDefault(environment, EnvironmentVariables.WAREHOUSE_SECRET_ARN, null));
    }

    public static WarehouseTarget serverless(String database, String workgroupName) {
        return new WarehouseTarget(database, workgroupName, null, null, null);
    }

    public static WarehouseTarget cluster(String database, String clusterIdentifier, String dbUser) {
        return new WarehouseTarget(database, null, clusterIdentifier, dbUser, null);
    }
}
