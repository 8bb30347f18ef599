package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.redshift;
import static io.backbeat.localcloud.redshift.Statements.rows;
import static io.backbeat.localcloud.redshift.Statements.submitBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

class GetStatementResultTest {
    private int pageSize;

    @BeforeEach
    void smallPages() {
        pageSize = redshift().resultPageSize();
        redshift().resultPageSize(7);
    }

    @AfterEach
    void restorePages() {
        redshift().resultPageSize(pageSize);
    }

    @Test
    void paging_givesEveryRowExactlyOnceAcrossSeveralPages() {
        String id = ok("SELECT generate_series(1, 25) AS n").id();
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetStatementResultResponse page = client().getStatementResult(b -> b.id(id).nextToken(next));
            assertThat(page.totalNumRows()).isEqualTo(25);
            assertThat(page.columnMetadata()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("n"));
            page.records().forEach(row -> seen.add(row.getFirst().longValue()));
            pageSizes.add(page.records().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(7, 7, 7, 4);
        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void paging_worksForASubStatementOfABatch() {
        String id = submitBatch("SELECT 1", "SELECT generate_series(1, 10)");
        Statements.await(id);

        assertThat(rows(id + ":2")).hasSize(10);
    }

    @Test
    void aTokenOfAnotherStatement_isValidationException() {
        String first = ok("SELECT generate_series(1, 10)").id();
        String second = ok("SELECT generate_series(1, 10)").id();
        String token = client().getStatementResult(b -> b.id(first)).nextToken();

        assertThatThrownBy(() -> client().getStatementResult(b -> b.id(second).nextToken(token)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("NextToken was not issued for this request");
    }

    @Test
    void emptyResult_hasColumnsAndNoRows() {
        GetStatementResultResponse page = client().getStatementResult(b -> b.id(ok("SELECT 1 AS a WHERE false").id()));

        assertThat(page.records()).isEmpty();
        assertThat(page.totalNumRows()).isZero();
        assertThat(page.columnMetadata()).hasSize(1);
        assertThat(page.nextToken()).isNull();
    }
}
