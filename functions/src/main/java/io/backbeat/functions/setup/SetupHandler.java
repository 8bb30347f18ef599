package io.backbeat.functions.setup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.backbeat.functions.aws.AwsClients;
import io.backbeat.functions.warehouse.RedshiftDataStatementRunner;
import io.backbeat.functions.warehouse.WarehouseSetup;
import java.util.Map;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

/**
 * Lambda entry point of the warehouse setup, which the stack invokes on every deploy (a CDK trigger) once
 * the workgroup is available: migrations, database users and grants ({@link WarehouseSetup}), as the admin.
 * A failure fails the deploy, with the warehouse's error.
 */
public final class SetupHandler implements RequestHandler<Map<String, Object>, String> {
    private final SetupConfig config;
    private final RedshiftDataClient redshift;

    /** Used by the Lambda runtime. */
    public SetupHandler() {
        this(SetupConfig.fromEnvironment(), AwsClients.redshiftData());
    }

    /** The same with a given configuration and client (the local deployment's). */
    public SetupHandler(SetupConfig config, RedshiftDataClient redshift) {
        this.config = config;
        this.redshift = redshift;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        new WarehouseSetup(new RedshiftDataStatementRunner(redshift, config.warehouse()))
                .apply(config.loadRoleName(), config.refreshRoleName());
        return "warehouse ready";
    }
}
