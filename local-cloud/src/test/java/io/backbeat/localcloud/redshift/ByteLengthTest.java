package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.run;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.localcloud.cloud.LocalCloud;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html: CHAR and VARCHAR lengths are
 * bytes; CHAR holds single-byte characters only. 'Ⱥ' is 2 bytes in UTF-8, its lower case 'ⱥ' 3.
 */
class ByteLengthTest {
    private static String bucket;

    @BeforeAll
    static void bucket() {
        bucket = LocalCloud.shared().createBucket("bytes");
    }

    private static String genres() {
        String table = unique("genres");
        ok("CREATE TABLE " + table + " (genre VARCHAR(4) NOT NULL, code CHAR(3))");
        return table;
    }

    @Test
    void insert_acceptsAValueOfExactlyNBytes() {
        String table = genres();

        ok("INSERT INTO " + table + " VALUES ('ȺȺ', 'abc')");

        assertThat(column("SELECT octet_length(genre) FROM " + table)).containsExactly(4L);
    }

    @Test
    void insert_ofAValueLongerInBytesThanCharacters_failsAsOnRedshift() {
        String table = genres();

        assertThat(run("INSERT INTO " + table + " VALUES (:g, 'abc')", "g", "ⱥⱥ").error())
                .isEqualTo("ERROR: Value too long for character type: value too long for type character varying(4)"
                        + " (column genre of table " + table + "); Redshift counts the length of CHAR and VARCHAR in"
                        + " bytes of UTF-8");
        assertThat(column("SELECT count(*) FROM " + table)).containsExactly(0L);
    }

    @Test
    void updateAndMerge_checkBytesToo() {
        String table = genres();
        ok("INSERT INTO " + table + " VALUES ('ab', 'abc')");

        assertThat(run("UPDATE " + table + " SET genre = 'ⱥⱥ'").error())
                .startsWith("ERROR: Value too long for character type: value too long for type character varying(4)");
        assertThat(run("MERGE INTO " + table + " USING (SELECT 'ab' AS g) s ON " + table + ".genre = s.g"
                + " WHEN MATCHED THEN UPDATE SET genre = 'ⱥⱥ'").error())
                .startsWith("ERROR: Value too long for character type");
    }

    @Test
    void char_refusesMultibyteCharacters() {
        String table = genres();

        assertThat(run("INSERT INTO " + table + " VALUES ('a', 'é')").error())
                .isEqualTo("ERROR: Multibyte character not supported for CHAR (Hint: try using VARCHAR) (column code of"
                        + " table " + table + ")");
    }

    @Test
    void tempTableLikeItsTarget_checksBytesAsTheTargetDoes() {
        String table = genres();

        var batch = Statements.await(submitBatch("CREATE TEMP TABLE stage (LIKE " + table + ")",
                "INSERT INTO stage VALUES ('ⱥⱥ', 'abc')"));

        assertThat(batch.error()).startsWith("ERROR: Value too long for character type");
    }

    @Test
    void copy_ofAValueLongerInBytes_failsWithTheLoadErrorRedshiftRecords() {
        String key = unique("genres") + ".csv";
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromBytes("genre,code\nrock,abc\nȺȺȺ,abc\n".getBytes(StandardCharsets.UTF_8)));
        String table = genres();

        assertThat(run("COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV IGNOREHEADER 1").error())
                .isEqualTo("ERROR: Load into table '" + table + "' failed. Check 'sys_load_error_detail' system table"
                        + " for details. Load error 1204: String length exceeds DDL length (column genre, character"
                        + " varying(4)) (s3://" + bucket + "/" + key + ", line 3)");
        assertThat(column("SELECT count(*) FROM " + table)).containsExactly(0L);
    }

    @Test
    void copy_ofAMultibyteCharacterIntoChar_failsWithLoadError1220() {
        String key = unique("codes") + ".csv";
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromBytes("rock,ab€\n".getBytes(StandardCharsets.UTF_8)));
        String table = genres();

        assertThat(run("COPY " + table + " FROM 's3://" + bucket + "/" + key + "' CSV").error())
                .isEqualTo("ERROR: Load into table '" + table + "' failed. Check 'sys_load_error_detail' system table"
                        + " for details. Load error 1220: Multibyte character not supported for CHAR (Hint: try using"
                        + " VARCHAR) (column code, character(3)) (s3://" + bucket + "/" + key + ", line 1)");
    }
}
