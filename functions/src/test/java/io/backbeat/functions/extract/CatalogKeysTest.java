package io.backbeat.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogKeysTest {
    private static final String A = "4Z8W4fKeB5YxbusRsdQVPb";
    private static final String B = "6liAMWkVf5LH7YR9yfFy1Y";

    @Test
    void batchKey_isTheFirstIdAndAHashOfTheBatch() {
        assertThat(CatalogKeys.batchKey("run-1", List.of(A, B))).matches("raw/catalog/run-1/" + A + "-[0-9a-f]{12}\\.ndjson\\.gz");
    }

    @Test
    void batchKey_isTheSameForTheSameBatchAndDiffersForAnother() {
        assertThat(CatalogKeys.batchKey("run-1", List.of(A, B))).isEqualTo(CatalogKeys.batchKey("run-1", List.of(A, B)))
                .isNotEqualTo(CatalogKeys.batchKey("run-1", List.of(A)));
    }

    @Test
    void batchKey_ofABatchWithoutAValidId_startsWithBatch() {
        assertThat(CatalogKeys.batchKey("run-1", List.of("../../etc"))).startsWith("raw/catalog/run-1/batch-");
    }

    @Test
    void runKey_startsWithCatalog() {
        assertThat(CatalogKeys.runKey("20261203T040000Z")).isEqualTo("raw/catalog/20261203T040000Z/catalog-20261203T040000Z.ndjson.gz");
    }

    @Test
    void aRunIdWithASlash_isRefused() {
        assertThatThrownBy(() -> CatalogKeys.runKey("a/b"))
                .hasMessage("runId must be 1 to 128 letters, digits and . _ : = -, starting with a letter or digit, got 'a/b'");
    }
}
