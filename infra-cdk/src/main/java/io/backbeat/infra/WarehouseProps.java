package io.backbeat.infra;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.logs.RetentionDays;
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
 * @param availabilityZones the zones of the workgroup's subnets, at least three distinct ones, each a full name
 *     ({@code eu-west-1a}) or the letter of a zone of the stack's Region ({@code a}); empty for the first three
 *     of the stack's zones
 * @param auditLogRetention how long Redshift's exported logs (connections, users, user activity) are kept
 */
public record WarehouseProps(IBucket landingBucket, String databaseName, String adminUsername, int baseCapacityRpu,
        int maxCapacityRpu, String vpcCidr, List<String> availabilityZones, RetentionDays auditLogRetention) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** A Redshift Serverless workgroup needs subnets in three Availability Zones. */
    static final int MIN_AVAILABILITY_ZONES = 3;
    private static final Pattern ZONE = Pattern.compile("[a-z]|[a-z]{2}(-[a-z]+)+-\\d+[a-z]");

    public WarehouseProps {
        Objects.requireNonNull(landingBucket, "landingBucket must not be null");
        Objects.requireNonNull(vpcCidr, "vpcCidr must not be null");
        Objects.requireNonNull(auditLogRetention, "auditLogRetention must not be null");
        availabilityZones = checkedZones(availabilityZones);
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

    /** Database {@code backbeat}, 8 to 32 RPU, a /16 VPC, and the given placement and log retention. */
    public static WarehouseProps of(IBucket landingBucket, Settings settings) {
        return new WarehouseProps(landingBucket, "backbeat", "backbeat_admin", 8, 32, "10.40.0.0/16",
                settings.availabilityZones(), settings.auditLogRetention());
    }

    /**
     * What may differ between environments: where the workgroup runs and how long its logs are kept.
     *
     * @param availabilityZones see {@link WarehouseProps#availabilityZones()}
     * @param auditLogRetention see {@link WarehouseProps#auditLogRetention()}
     */
    public record Settings(List<String> availabilityZones, RetentionDays auditLogRetention) {
        public Settings {
            Objects.requireNonNull(auditLogRetention, "auditLogRetention must not be null");
            availabilityZones = checkedZones(availabilityZones);
        }

        /** The stack's first three zones; audit logs kept a year. */
        public static Settings defaults() {
            return new Settings(List.of(), RetentionDays.ONE_YEAR);
        }
    }

    /**
     * The zones as given, or a message that says what is wrong and how to name them. Redshift Serverless needs
     * subnets in at least three Availability Zones, and not every zone supports it
     * (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html).
     */
    private static List<String> checkedZones(List<String> zones) {
        Objects.requireNonNull(zones, "availabilityZones must not be null");
        if (zones.isEmpty()) {
            return List.of();
        }
        for (String zone : zones) {
            if (zone == null || !ZONE.matcher(zone).matches()) {
                throw new IllegalArgumentException("availabilityZones: '" + zone + "' is not an Availability Zone name;"
                        + " give full names (eu-west-1a) or the zone letters of the stack's Region (a), e.g."
                        + " -c availabilityZones=a,b,c");
            }
        }
        Set<String> distinct = new LinkedHashSet<>(zones);
        if (distinct.size() < MIN_AVAILABILITY_ZONES) {
            throw new IllegalArgumentException("availabilityZones must name at least " + MIN_AVAILABILITY_ZONES
                    + " distinct Availability Zones (a Redshift Serverless workgroup needs subnets in three), got "
                    + zones + "; e.g. -c availabilityZones=a,b,c, or leave it out for the first three of the Region");
        }
        return List.copyOf(distinct);
    }
}
