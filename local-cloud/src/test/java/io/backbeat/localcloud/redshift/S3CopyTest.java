package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.await;
import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.rows;
import static io.backbeat.localcloud.redshift.Statements.run;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.backbeat.localcloud.cloud.LocalCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

class S3CopyTest {
    private static final String HEADER = "user_id,user_name,created_at,user_age\n";
    private static final String ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/backbeat-load'";
    private static String bucket;

    @BeforeAll
    static void bucket() {
        bucket = LocalCloud.shared().createBucket("copy");
    }

    private static void put(String key, byte[] body) {
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    private static byte[] zstd(String csv) {
        return Zstd.compress(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(String csv) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String usersTable() {
        String table = unique("users");
        ok("CREATE TABLE " + table + " (user_id BIGINT NOT NULL, user_name VARCHAR(256) NOT NULL,"
                + " created_at DATE, user_age INT) DISTSTYLE KEY DISTKEY(user_id) SORTKEY(user_id)");
        return table;
    }

    @Test
    void copy_loadsEveryZstdCsvUnderThePrefixSkippingHeaders() {
        String prefix = unique("validated/users") + "/";
        put(prefix + "part-1.csv.zst", zstd(HEADER + "1,Ann,2024-06-25,31\n2,\"O'Brien, \"\"Bob\"\"\",2024-06-26,\n"));
        put(prefix + "part-2.csv.zst", zstd(HEADER + "3,\"multi\nline 😀\",2024-06-27,40"));
        String table = usersTable();

        DescribeStatementResponse copy = ok("COPY " + table + " FROM 's3://" + bucket + "/" + prefix + "' " + ROLE
                + " FORMAT AS CSV IGNOREHEADER 1 ZSTD TIMEFORMAT 'auto' DATEFORMAT 'auto' REGION 'us-east-1'");

        assertThat(copy.resultRows()).isEqualTo(3);
        assertThat(column("SELECT user_name || '|' || created_at || '|' || coalesce(user_age::text, 'null') FROM "
                + table + " ORDER BY user_id"))
                .containsExactly("Ann|2024-06-25|31", "O'Brien, \"Bob\"|2024-06-26|null", "multi\nline 😀|2024-06-27|40");
    }

    @Test
    void copy_withManifest_loadsEachEntryAndSkipsMissingOptionalOnes() {
        String prefix = unique("manifested") + "/";
        put(prefix + "a.csv.gz", gzip(HEADER + "1,Ann,2024-06-25,31\n"));
        put(prefix + "b.csv.gz", gzip(HEADER + "2,Bob,2024-06-25,32\n3,Cy,2024-06-25,33\n"));
        put(prefix + "unlisted.csv.gz", gzip(HEADER + "4,Dee,2024-06-25,34\n"));
        put(prefix + "load.manifest", ("{\"entries\": ["
                + "{\"url\": \"s3://" + bucket + "/" + prefix + "a.csv.gz\", \"mandatory\": true},"
                + "{\"url\": \"s3://" + bucket + "/" + prefix + "b.csv.gz\", \"mandatory\": true},"
                + "{\"url\": \"s3://" + bucket + "/" + prefix + "gone.csv.gz\", \"mandatory\": false}]}")
                .getBytes(StandardCharsets.UTF_8));
        String table = usersTable();

        DescribeStatementResponse copy = ok("copy " + table + " (user_id, user_name, created_at, user_age) from 's3://"
                + bucket + "/" + prefix + "load.manifest' " + ROLE + " manifest gzip csv ignoreheader as 1");

        assertThat(copy.resultRows()).isEqualTo(3);
        assertThat(column("SELECT user_id FROM " + table + " ORDER BY user_id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void copy_insideABatchThatFails_isRolledBack() {
        String key = unique("batched") + ".csv.zst";
        put(key, zstd(HEADER + "1,Ann,2024-06-25,31\n"));
        String table = usersTable();

        DescribeStatementResponse batch = await(submitBatch(
                "COPY " + table + " FROM 's3://" + bucket + "/" + key + "' " + ROLE + " CSV IGNOREHEADER 1 ZSTD",
                "SELECT count(*) FROM " + table,
                "INSERT INTO " + table + " VALUES (NULL, 'x', NULL, NULL)"));

        assertThat(batch.status()).isEqualTo(StatusString.FAILED);
        assertThat(batch.subStatements().getFirst().resultRows()).isEqualTo(1);
        assertThat(rows(batch.id() + ":2").getFirst().getFirst().longValue()).isEqualTo(1);
        assertThat(column("SELECT count(*) FROM " + table)).containsExactly(0L);
    }

    @Test
    void copy_ofAMalformedRow_failsNamingTheObjectAndItsLine() {
        String key = unique("malformed") + ".csv";
        put(key, (HEADER + "1,Ann,2024-06-25,31\n2,Bob,2024-06-25,thirty\n").getBytes(StandardCharsets.UTF_8));
        String table = usersTable();

        DescribeStatementResponse copy = run("COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV IGNOREHEADER 1");

        assertThat(copy.status()).isEqualTo(StatusString.FAILED);
        assertThat(copy.error()).isEqualTo("ERROR: Load into table '" + table + "' failed: invalid input syntax for"
                + " type integer: \"thirty\" (s3://" + bucket + "/" + key + ", line 3)");
        assertThat(column("SELECT count(*) FROM " + table)).containsExactly(0L);
    }

    @Test
    void copy_ofAMissingPrefix_failsNamingIt() {
        String table = usersTable();

        assertThat(run("COPY " + table + " FROM 's3://" + bucket + "/nothing/here' CSV").error())
                .isEqualTo("ERROR: Load into table '" + table + "' failed: The specified S3 prefix 'nothing/here' does"
                        + " not exist (s3://" + bucket + "/nothing/here)");
    }

    @Test
    void copy_withAMissingMandatoryManifestEntry_failsNamingIt() {
        String manifest = unique("broken") + ".manifest";
        put(manifest, ("{\"entries\": [{\"url\": \"s3://" + bucket + "/gone.csv\", \"mandatory\": true}]}")
                .getBytes(StandardCharsets.UTF_8));
        String table = usersTable();

        assertThat(run("COPY " + table + " FROM 's3://" + bucket + "/" + manifest + "' CSV MANIFEST").error())
                .isEqualTo("ERROR: Load into table '" + table + "' failed: the mandatory object s3://" + bucket
                        + "/gone.csv of the manifest s3://" + bucket + "/" + manifest + " does not exist");
    }

    @Test
    void copy_ofAnObjectThatIsNotZstd_failsNamingTheCompression() {
        String key = unique("plain") + ".csv";
        put(key, "1,Ann,2024-06-25,31\n".getBytes(StandardCharsets.UTF_8));
        String table = usersTable();

        assertThat(run("COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV ZSTD").error())
                .startsWith("ERROR: Load into table '" + table + "' failed: cannot read s3://" + bucket + "/" + key
                        + " as ZSTD: ");
    }

    @Test
    void copy_loadsEmptyAndBlankFieldsAsRedshiftDoes() {
        String key = unique("blanks") + ".csv";
        put(key, "1,,  \n2,\"\",x\n,a,\n".getBytes(StandardCharsets.UTF_8));
        String table = unique("blanks");
        ok("CREATE TABLE " + table + " (id INT, name VARCHAR(10), note VARCHAR(10))");
        String load = "COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV";
        String show = "SELECT coalesce(id::text, 'null') || '|' || coalesce('[' || name || ']', 'null') || '|'"
                + " || coalesce('[' || note || ']', 'null') FROM " + table + " ORDER BY id";

        ok(load);
        assertThat(column(show)).containsExactly("1|[]|[  ]", "2|[]|[x]", "null|[a]|[]");

        ok("DELETE FROM " + table);
        ok(load + " EMPTYASNULL BLANKSASNULL");
        assertThat(column(show)).containsExactly("1|null|null", "2|[]|[x]", "null|[a]|null");
    }

    @Test
    void copy_loadsTheLabSizedObjectInOneStatement() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 20_000; i++) {
            csv.append(i).append(",user ").append(i).append(",2024-06-25,").append(i % 100).append('\n');
        }
        String key = unique("large") + ".csv.zst";
        put(key, zstd(csv.toString()));
        String table = usersTable();

        assertThat(ok("COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV IGNOREHEADER 1 ZSTD").resultRows())
                .isEqualTo(20_000);
        assertThat(column("SELECT sum(user_id) FROM " + table)).containsExactly("200010000");
    }

    @Test
    void copy_withAnOptionNotImplemented_failsWithTheStatementText() {
        String table = usersTable();
        String sql = "COPY " + table + " FROM 's3://" + bucket + "/x' CSV ACCEPTINVCHARS";

        assertThat(run(sql).error())
                .isEqualTo("ERROR: not supported by the local Redshift endpoint: COPY option ACCEPTINVCHARS in: " + sql);
        assertThat(List.of(sql)).isNotEmpty();
    }
}
