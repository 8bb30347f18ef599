package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.redshift;
import static io.backbeat.localcloud.redshift.Statements.runAs;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.localcloud.cloud.LocalClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.RedshiftDataException;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/**
 * Statements run as the database user of the caller: {@code IAMR:<role>} for an IAM role's credentials
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html), the admin for
 * the local default credentials or a SecretArn, with Redshift's default privileges
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Privileges.html).
 */
class DatabaseUsersTest {
    private static RedshiftDataClient load;
    private static RedshiftDataClient publish;

    @BeforeAll
    static void clients() {
        load = redshift().clientAs("backbeat-load-role");
        publish = redshift().clientAs("backbeat-publish-role");
    }

    @AfterAll
    static void close() {
        load.close();
        publish.close();
    }

    private static String valueAs(RedshiftDataClient client, String sql) {
        DescribeStatementResponse done = runAs(client, sql);
        assertThat(done.error()).isNull();
        return client.getStatementResult(b -> b.id(done.id())).records().getFirst().getFirst().stringValue();
    }

    @Test
    void eachRole_isAUserOfItsOwnAndTheDefaultCredentialsAreTheAdmin() {
        assertThat(valueAs(load, "SELECT current_user")).isEqualTo("IAMR:backbeat-load-role");
        assertThat(valueAs(publish, "SELECT current_user")).isEqualTo("IAMR:backbeat-publish-role");
        assertThat(column("SELECT current_user")).containsExactly("admin");
        assertThat(column("SELECT usesuper::text FROM pg_user WHERE usename = current_user")).containsExactly("true");
    }

    @Test
    void aRoleWithoutGrants_cannotReadOrWriteATableUntilTheAdminGrants() {
        String table = unique("granted");
        ok("CREATE TABLE " + table + " (n INT)");

        assertThat(runAs(load, "SELECT count(*) FROM " + table).error())
                .isEqualTo("ERROR: permission denied for relation " + table);
        assertThat(runAs(load, "INSERT INTO " + table + " VALUES (1)").error())
                .isEqualTo("ERROR: permission denied for relation " + table);

        ok("GRANT SELECT, INSERT ON " + table + " TO \"IAMR:backbeat-load-role\"");

        assertThat(runAs(load, "INSERT INTO " + table + " VALUES (1)").status()).isEqualTo(StatusString.FINISHED);
        assertThat(valueAs(load, "SELECT count(*)::text FROM " + table)).isEqualTo("1");
        assertThat(runAs(publish, "SELECT count(*) FROM " + table).error())
                .isEqualTo("ERROR: permission denied for relation " + table);
    }

    @Test
    void everyUser_mayCreateTablesInPublicAndTempTables() {
        String table = unique("own");

        assertThat(runAs(publish, "CREATE TABLE " + table + " (n INT)").error()).isNull();
        assertThat(runAs(publish, "CREATE TEMP TABLE scratch (n INT)").error()).isNull();
    }

    @Test
    void aProcedure_needsExecuteAndRunsWithTheCallersPrivileges() {
        String table = unique("called");
        String procedure = unique("touch");
        ok("CREATE TABLE " + table + " (n INT)");
        ok("CREATE OR REPLACE PROCEDURE " + procedure + "() AS $$ BEGIN INSERT INTO " + table
                + " VALUES (1); END; $$ LANGUAGE plpgsql");

        assertThat(runAs(load, "CALL " + procedure + "()").error())
                .isEqualTo("ERROR: permission denied for procedure " + procedure);

        ok("GRANT EXECUTE ON PROCEDURE " + procedure + "() TO \"IAMR:backbeat-load-role\"");
        assertThat(runAs(load, "CALL " + procedure + "()").error())
                .startsWith("ERROR: permission denied for relation " + table);

        ok("GRANT INSERT ON " + table + " TO \"IAMR:backbeat-load-role\"");
        assertThat(runAs(load, "CALL " + procedure + "()").error()).isNull();
    }

    @Test
    void aSecretArn_runsAsTheAdminWhoeverSigns() {
        String id = load.executeStatement(b -> b.workgroupName(redshift().workgroup()).database(redshift().database())
                .secretArn("arn:aws:secretsmanager:us-east-1:000000000000:secret:admin-AbCdEf")
                .sql("SELECT current_user")).id();

        assertThat(Statements.await(id).status()).isEqualTo(StatusString.FINISHED);
        assertThat(Statements.rows(id).getFirst().getFirst().stringValue()).isEqualTo("admin");
    }

    @Test
    void credentialsFor_givesOneLettersAndDigitsAccessKeyPerRole() {
        String key = LocalRedshift.credentialsFor("backbeat-load-role").resolveCredentials().accessKeyId();

        assertThat(key).matches("[A-Za-z0-9]+")
                .isEqualTo(LocalRedshift.credentialsFor("backbeat-load-role").resolveCredentials().accessKeyId())
                .isNotEqualTo(LocalRedshift.credentialsFor("backbeat-publish-role").resolveCredentials().accessKeyId())
                .isNotEqualTo(LocalClients.CREDENTIALS.resolveCredentials().accessKeyId());
        assertThatThrownBy(() -> LocalRedshift.credentialsFor("arn:aws:iam::000000000000:role/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'arn:aws:iam::000000000000:role/x' is not an IAM role name");
    }

    @Test
    void anUnknownAccessKey_isRefusedAsAwsRefusesIt() {
        try (RedshiftDataClient stranger = redshift().clientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", "x")))
                .build()) {
            assertThatThrownBy(() -> stranger.executeStatement(b -> b.workgroupName(redshift().workgroup())
                    .database(redshift().database()).sql("SELECT 1")))
                    .isInstanceOf(RedshiftDataException.class)
                    .hasMessageStartingWith("The security token included in the request is invalid.");
        }
    }
}
