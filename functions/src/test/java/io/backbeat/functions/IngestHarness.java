package io.backbeat.functions;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.github.luben.zstd.ZstdInputStream;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.events.ZoneKey;
import io.backbeat.events.Stage;
import io.backbeat.localcloud.cloud.LocalCloud;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.functions.ledger.DynamoDbLedger;
import io.backbeat.functions.ledger.LedgerItem;
import io.backbeat.functions.ledger.ObjectRef;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformHandler;
import io.backbeat.functions.validate.ValidateConfig;
import io.backbeat.functions.validate.ValidateHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A fresh bucket and ledger table on the shared local cloud, with the real handlers wired to them
 * through the real SDK clients, and ways to read back what the handlers wrote.
 */
final class IngestHarness {
    static final LocalCloud CLOUD = LocalCloud.shared();

    final String bucket = CLOUD.createBucket("ingest");
    final String ledgerTable = CLOUD.createLedgerTable("ledger");
    final S3Client s3 = CLOUD.s3Client();
    final MutableClock clock = new MutableClock(Instant.parse("2024-06-25T23:59:00Z"));

    ValidateHandler validate() {
        return new ValidateHandler(new ValidateConfig(ledgerTable), s3, CLOUD.dynamoDbClient(), clock);
    }

    TransformHandler transform(long dedupeMemoryBytes, Path spillDirectory) {
        return new TransformHandler(new TransformConfig(ledgerTable, dedupeMemoryBytes, spillDirectory), s3,
                CLOUD.dynamoDbClient(), clock);
    }

    TransformHandler transform(Path spillDirectory) {
        return transform(64L << 20, spillDirectory);
    }

    /** Uploads like a user would and returns the notification S3 sends for it. */
    S3Event upload(String key, byte[] content) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return event(key);
    }

    S3Event upload(String key, Path file) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
        return event(key);
    }

    /** The notification for an object already in the bucket (as S3 sends when a stage writes it). */
    S3Event event(String key) {
        return S3EventFixtures.objectCreated(s3, bucket, key);
    }

    boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    byte[] bytes(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    String text(String key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    /** Records of a zstd-compressed CSV object, the header included, read with zstd-jni and FastCSV. */
    List<List<String>> compressedCsv(String key) {
        try (InputStream in = new ZstdInputStream(s3.getObject(r -> r.bucket(bucket).key(key)));
                CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(in, StandardCharsets.UTF_8)) {
            return reader.stream().map(CsvRecord::getFields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a validated object: per row its raw line, then its values. */
    List<List<String>> validatedRows(String key) {
        ZoneKey zoneKey = ZoneKey.parse(key);
        try (InputStream in = new ZstdInputStream(s3.getObject(r -> r.bucket(bucket).key(key)))) {
            var reader = new io.backbeat.functions.csv.ValidatedRowReader(in, zoneKey.dataset().orElseThrow().contract(), key);
            List<List<String>> rows = new java.util.ArrayList<>();
            while (reader.next()) {
                List<String> row = new java.util.ArrayList<>(List.of(Long.toString(reader.line())));
                for (int c = 0; c < reader.columns(); c++) {
                    row.add(reader.text(c));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records of a plain CSV object (the quarantine), header included. */
    List<List<String>> plainCsv(String key) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text(key))) {
            return reader.stream().map(CsvRecord::getFields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<LedgerItem> ledger(S3Event event, Stage stage) {
        var object = event.getRecords().get(0).getS3().getObject();
        ObjectRef ref = new ObjectRef(bucket, java.net.URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8), new ObjectVersion(object.getVersionId(), object.geteTag()));
        return new DynamoDbLedger(CLOUD.dynamoDbClient(), ledgerTable).find(ref, stage);
    }
}
