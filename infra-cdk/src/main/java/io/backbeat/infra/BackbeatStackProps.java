package io.backbeat.infra;

import java.util.Objects;

/**
 * A whole deployment.
 *
 * @param environment the deployment environment's name (part of the stack name and of the Redshift names), e.g. {@code dev}
 * @param functionsJar the Lambda deployment package
 * @param bucket the landing bucket's expiry and removal
 * @param tables the tables' removal
 * @param tuning the functions' sizes, reserved concurrency, retries and log retention
 * @param warehouse the warehouse's Availability Zones and audit log retention
 * @param catalog the catalogue extraction's artist list, schedule and Web API endpoints
 */
public record BackbeatStackProps(String environment, FunctionsJar functionsJar, LandingBucketProps bucket,
        PipelineTables.Props tables, IngestFunctionsProps.Tuning tuning, WarehouseProps.Settings warehouse,
        CatalogSettings catalog) {
    /** The environment whose tables get deletion protection unless told otherwise. */
    public static final String PRODUCTION_ENVIRONMENT = "prod";

    public BackbeatStackProps {
        Objects.requireNonNull(environment, "environment must not be null");
        Objects.requireNonNull(functionsJar, "functionsJar must not be null");
        Objects.requireNonNull(bucket, "bucket must not be null");
        Objects.requireNonNull(tables, "tables must not be null");
        Objects.requireNonNull(tuning, "tuning must not be null");
        Objects.requireNonNull(warehouse, "warehouse must not be null");
        Objects.requireNonNull(catalog, "catalog must not be null");
    }

    /** The defaults of every construct; the tables of environment {@value #PRODUCTION_ENVIRONMENT} have deletion protection. */
    public static BackbeatStackProps of(String environment, FunctionsJar functionsJar) {
        return new BackbeatStackProps(environment, functionsJar, LandingBucketProps.defaults(),
                PipelineTables.Props.defaults().withDeletionProtection(PRODUCTION_ENVIRONMENT.equals(environment)),
                IngestFunctionsProps.Tuning.defaults(), WarehouseProps.Settings.defaults(), CatalogSettings.defaults());
    }

    public BackbeatStackProps withTables(PipelineTables.Props newTables) {
        return new BackbeatStackProps(environment, functionsJar, bucket, newTables, tuning, warehouse, catalog);
    }

    public BackbeatStackProps withTuning(IngestFunctionsProps.Tuning newTuning) {
        return new BackbeatStackProps(environment, functionsJar, bucket, tables, newTuning, warehouse, catalog);
    }

    public BackbeatStackProps withWarehouse(WarehouseProps.Settings newWarehouse) {
        return new BackbeatStackProps(environment, functionsJar, bucket, tables, tuning, newWarehouse, catalog);
    }

    public BackbeatStackProps withCatalog(CatalogSettings newCatalog) {
        return new BackbeatStackProps(environment, functionsJar, bucket, tables, tuning, warehouse, newCatalog);
    }
}
