package io.backbeat.infra;

import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * The Redshift Serverless warehouse.
 *
 * @param landingBucket the bucket whose {@code staged/} zone COPY reads
 * @param databaseName the database the pipeline's tables live in
 * @param adminUsername the admin user; its password is generated and kept in Secrets Manager by Redshift
 * @param baseCapacityRpu the workgroup's base capacity (8 is the smallest; Redshift Serverless bills per RPU-second used)
 * @param maxCapacityRpu the ceiling the workgroup may scale to, a cost guard
 * @param vpcCidr the address range of the warehouse's VPC
 * @param finalSnapshotRetentionDays how long the snapshot taken when the namespace is deleted is kept (-1: forever)
 */
public record WarehouseProps(IBucket landingBucket, String databaseName, String adminUsername, int baseCapacityRpu,
        int maxCapacityRpu, String vpcCidr, int finalSnapshotRetentionDays) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public WarehouseProps {
        Objects.requireNonNull(landingBucket, "landingBucket must not be null");
        Objects.requireNonNull(vpcCidr, "vpcCidr must not be null");
        if (databaseName == null || !IDENTIFIER.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("databaseName must be a lowercase Redshift identifier, got '" + databaseName + "'");
        }
        if (adminUsername == null || !IDENTIFIER.matcher(adminUsername).matches()) {
            throw new IllegalArgumentException("adminUsername must be a lowercase Redshift identifier, got '" + adminUsername + "'");
        }
        if (baseCapacityRpu < 8 || baseCapacityRpu % 8 != 0 || maxCapacityRpu < baseCapacityRpu || maxCapacityRpu % 8 != 0) {
            throw new IllegalArgumentException("capacities must be multiples of 8 RPU with 8 <= base <= max, got base="
                    + baseCapacityRpu + " max=" + maxCapacityRpu);
        }
    }

    /** Database {@code backbeat}, 8 to 32 RPU, a /16 VPC, the final snapshot kept 30 days. */
    public static WarehouseProps of(IBucket landingBucket) {
        return new WarehouseProps(landingBucket, "backbeat", "backbeat_admin", 8, 32, "10.40.0.0/16", 30);
    }
}
