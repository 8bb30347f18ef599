package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CopyParserTest {
    @Test
    void parse_readsEveryImplementedOptionInAnyOrderAndCase() throws StatementFailure {
        String sql = "copy analytics.plays (user_id, \"Track Id\") from 's3://landing/validated/plays/'"
                + " region as 'eu-west-1' zstd BLANKSASNULL dateformat 'AUTO' ignoreheader as 1 emptyasnull"
                + " timeformat as 'auto' format as csv iam_role 'arn:aws:iam::123456789012:role/load' manifest;";

        CopyCommand copy = CopyParser.parse(sql);

        assertThat(copy).isEqualTo(new CopyCommand("analytics.plays",
                List.of(new CopyCommand.Column("user_id", "user_id"), new CopyCommand.Column("\"Track Id\"", "Track Id")),
                new CopyCommand.S3Location("landing", "validated/plays/"), true, CopyCommand.Compression.ZSTD, 1, true,
                true, "\\N", sql));
    }

    @Test
    void parse_takesDefaultsForWhatIsNotSaid() throws StatementFailure {
        CopyCommand copy = CopyParser.parse("COPY t FROM 's3://b/k.csv.gz' IAM_ROLE default GZIP CSV");

        assertThat(copy.columns()).isEmpty();
        assertThat(copy.manifest()).isFalse();
        assertThat(copy.compression()).isEqualTo(CopyCommand.Compression.GZIP);
        assertThat(copy.ignoreHeader()).isZero();
        assertThat(copy.emptyAsNull()).isFalse();
        assertThat(copy.blanksAsNull()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            COPY t FROM 's3://b/k' CSV DELIMITER ','                 | COPY option DELIMITER
            COPY t FROM 's3://b/k' FORMAT AS PARQUET                 | COPY FORMAT PARQUET
            COPY t FROM 's3://b/k' JSON 'auto'                       | COPY option JSON
            COPY t FROM 's3://b/k' CSV BZIP2                         | COPY option BZIP2
            COPY t FROM 's3://b/k' CSV TIMEFORMAT 'YYYY-MM-DD HH:MI' | COPY TIMEFORMAT 'YYYY-MM-DD HH:MI' (only 'auto')
            COPY t FROM 's3://b/k' IAM_ROLE 'arn'                    | COPY without CSV (Redshift's default pipe-delimited text format)
            COPY t FROM 'dynamodb://table' CSV                       | COPY from a source other than s3://bucket/key ('dynamodb://table')
            COPY t FROM STDIN                                        | COPY from STDIN
            COPY t TO 's3://b/k'                                     | COPY ... TO
            """)
    void parse_refusesWhatItDoesNotImplementNamingItAndTheStatement(String sql, String what) {
        assertThatThrownBy(() -> CopyParser.parse(sql))
                .isInstanceOf(StatementFailure.class)
                .hasMessage("ERROR: not supported by the local Redshift endpoint: " + what + " in: " + sql);
    }

    @Test
    void parse_reportsASyntaxErrorWithTheStatement() {
        assertThatThrownBy(() -> CopyParser.parse("COPY t FROM 's3://b/k' CSV IGNOREHEADER x"))
                .hasMessage("ERROR: syntax error at or near \"x\" (expected a number after IGNOREHEADER) in:"
                        + " COPY t FROM 's3://b/k' CSV IGNOREHEADER x");
    }
}
