package io.backbeat.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.CsvHeaders;
import software.amazon.awscdk.services.stepfunctions.ResultWriterV2;
import software.amazon.awscdk.services.stepfunctions.ResultWriterV2Props;
import software.amazon.awscdk.services.stepfunctions.S3CsvItemReader;
import software.amazon.awscdk.services.stepfunctions.S3CsvItemReaderProps;

/**
 * The S3 item reader and result writer of a Distributed Map, granted only the keys they use. CDK's own grant the state
 * machine's role {@code s3:GetObject} (the reader), and {@code s3:PutObject} and {@code s3:GetObject} (the writer), on
 * every object of the bucket ({@code bucket/*}), which for the landing bucket would be every zone; these render the
 * same ASL and grant the one key read, and the one prefix written.
 *
 * <pre>{@code
 * map.itemReader(DistributedMapS3.csvReader(bucket, "config/catalog/artist-ids.txt", List.of("artist_id")))
 *    .resultWriterV2(DistributedMapS3.resultWriter(bucket, "catalog-runs/"));
 * }</pre>
 */
final class DistributedMapS3 {
    private DistributedMapS3() {}

    /** Reads the CSV object at {@code key} with the given header (the file has none); may read that object only. */
    static S3CsvItemReader csvReader(IBucket bucket, String key, List<String> header) {
        return new KeyReader(S3CsvItemReaderProps.builder()
                .bucket(bucket)
                .key(key)
                .csvHeaders(CsvHeaders.use(header))
                .build(), bucket, key);
    }

    /**
     * Writes the Map Run's results under {@code prefix}; may write, and read back, objects there only: the actions
     * Step Functions needs to export results
     * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html#resultwriter-iam-policies).
     */
    static ResultWriterV2 resultWriter(IBucket bucket, String prefix) {
        return new PrefixWriter(ResultWriterV2Props.builder().bucket(bucket).prefix(prefix).build(), bucket, prefix);
    }

    /** jsii calls this override when the state machine collects its policy statements. */
    private static final class KeyReader extends S3CsvItemReader {
        private final IBucket bucket;
        private final String key;

        KeyReader(S3CsvItemReaderProps props, IBucket bucket, String key) {
            super(props);
            this.bucket = bucket;
            this.key = key;
        }

        @Override
        public List<PolicyStatement> providePolicyStatements() {
            return List.of(PolicyStatement.Builder.create()
                    .actions(List.of("s3:GetObject"))
                    .resources(List.of(bucket.arnForObjects(key)))
                    .build());
        }
    }

    private static final class PrefixWriter extends ResultWriterV2 {
        private final IBucket bucket;
        private final String prefix;

        PrefixWriter(ResultWriterV2Props props, IBucket bucket, String prefix) {
            super(props);
            this.bucket = bucket;
            this.prefix = prefix;
        }

        @Override
        public List<PolicyStatement> providePolicyStatements() {
            return List.of(PolicyStatement.Builder.create()
                    .actions(List.of("s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"))
                    .resources(List.of(bucket.arnForObjects(prefix + "*")))
                    .build());
        }
    }
}
