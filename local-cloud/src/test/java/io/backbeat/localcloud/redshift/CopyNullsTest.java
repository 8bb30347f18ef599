package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.column;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.localcloud.cloud.LocalCloud;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * COPY's null handling for CSV
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html): an unquoted
 * field equal to the null string ({@code \N} unless NULL AS says otherwise) is NULL in any column;
 * an empty field is NULL in non-text columns, and in text columns with EMPTYASNULL or NULL AS ''.
 */
class CopyNullsTest {
    /** id (int), name (text), note (text): a literal \N, an empty optional field, a quoted \N, a quoted empty. */
    private static final String CSV = "1,\\N,\n2,\"\\N\",\"\"\n,x,y\n";
    private static final String SHOW = "SELECT coalesce(id::text, 'null') || '|' || coalesce('[' || name || ']', 'null')"
            + " || '|' || coalesce('[' || note || ']', 'null') FROM %s ORDER BY id NULLS LAST";
    private static String bucket;
    private static String key;

    @BeforeAll
    static void object() {
        bucket = LocalCloud.shared().createBucket("nulls");
        key = unique("nulls") + ".csv";
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromBytes(CSV.getBytes(StandardCharsets.UTF_8)));
    }

    private static String load(String options) {
        return load(key, options);
    }

    private static String load(String object, String options) {
        String table = unique("nulls");
        ok("CREATE TABLE " + table + " (id INT, name VARCHAR(10), note VARCHAR(10))");
        ok("COPY " + table + " FROM 's3://" + bucket + "/" + object + "' CSV " + options);
        return table;
    }

    @Test
    void withoutOptions_backslashNIsNullInANumberColumnToo() {
        String numbers = unique("numbers") + ".csv";
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(numbers),
                RequestBody.fromBytes("\\N,a,b\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(column(SHOW.formatted(load(numbers, "")))).containsExactly("null|[a]|[b]");
    }

    @Test
    void withoutOptions_unquotedBackslashNIsNullAndAnEmptyTextFieldIsEmpty() {
        String table = load("");

        assertThat(column(SHOW.formatted(table))).containsExactly("1|null|[]", "2|[\\N]|[]", "null|[x]|[y]");
    }

    @Test
    void emptyAsNull_makesTheEmptyOptionalFieldNull() {
        String table = load("EMPTYASNULL");

        assertThat(column(SHOW.formatted(table))).containsExactly("1|null|null", "2|[\\N]|[]", "null|[x]|[y]");
    }

    @Test
    void nullAsEmptyString_behavesAsEmptyAsNullAndLoadsBackslashNAsText() {
        String table = load("NULL AS ''");

        assertThat(column(SHOW.formatted(table))).containsExactly("1|[\\N]|null", "2|[\\N]|[]", "null|[x]|[y]");
    }

    @Test
    void nullAsAnotherString_makesBackslashNText() {
        String table = load("NULL AS 'x'");

        assertThat(column(SHOW.formatted(table)))
                .containsExactly("1|[\\N]|[]", "2|[\\N]|[]", "null|null|[y]");
    }

    @Test
    void nullAsNul_asTheLoadStatesIt_keepsEveryTextAsWrittenAndAnEmptyNumberNull() {
        String textZero = unique("zero") + ".csv";
        LocalCloud.shared().s3Client().putObject(b -> b.bucket(bucket).key(textZero),
                RequestBody.fromBytes("3,\\0,\\000\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(column(SHOW.formatted(load("NULL AS '\\0'")))).as("'\\0' names the NUL character, not backslash-zero")
                .containsExactly("1|[\\N]|[]", "2|[\\N]|[]", "null|[x]|[y]");
        assertThat(column(SHOW.formatted(load(textZero, "NULL AS '\\000'")))).containsExactly("3|[\\0]|[\\000]");
    }
}
