package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.await;
import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.redshift;
import static io.backbeat.localcloud.redshift.Statements.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.ListStatementsResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatementData;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

class ListStatementsTest {
    private static String named(String name, String sql) {
        return await(client().executeStatement(b -> b.workgroupName(redshift().workgroup())
                .database(redshift().database()).statementName(name).sql(sql)).id()).id();
    }

    @Test
    void listStatements_filtersByNamePrefixAndStatusNewestFirst() {
        String prefix = unique("listed");
        String first = named(prefix + "-a", "SELECT 1");
        String failed = named(prefix + "-b", "SELECT * FROM nowhere");
        String batch = await(client().batchExecuteStatement(b -> b.workgroupName("local").database("dev")
                .statementName(prefix + "-c").sqls("SELECT 1", "SELECT 2")).id()).id();
        named("other-" + prefix, "SELECT 1");

        List<StatementData> all = client().listStatements(b -> b.statementName(prefix)).statements();
        List<StatementData> finished = client()
                .listStatements(b -> b.statementName(prefix).status(StatusString.FINISHED)).statements();

        assertThat(all).extracting(StatementData::id).containsExactly(batch, failed, first);
        assertThat(finished).extracting(StatementData::id).containsExactly(batch, first);
        assertThat(all.getFirst().isBatchStatement()).isTrue();
        assertThat(all.getFirst().queryStrings()).containsExactly("SELECT 1", "SELECT 2");
        assertThat(all.get(1).isBatchStatement()).isFalse();
        assertThat(all.get(1).queryString()).isEqualTo("SELECT * FROM nowhere");
        assertThat(all.get(1).status()).isEqualTo(StatusString.FAILED);
        assertThat(all.get(1).statementName()).isEqualTo(prefix + "-b");
    }

    @Test
    void listStatements_pagesWithMaxResultsAndNextToken() {
        String prefix = unique("paged");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addFirst(named(prefix + "-" + i, "SELECT " + i));
        }

        List<String> listed = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListStatementsResponse page =
                    client().listStatements(b -> b.statementName(prefix).maxResults(2).nextToken(next));
            page.statements().forEach(s -> listed.add(s.id()));
            pages.add(page.statements().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pages).containsExactly(2, 2, 1);
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void listStatements_paginatorOfTheSdkWalksEveryPage() {
        String prefix = unique("paginated");
        for (int i = 0; i < 3; i++) {
            named(prefix + "-" + i, "SELECT 1");
        }

        assertThat(client().listStatementsPaginator(b -> b.statementName(prefix).maxResults(1)).statements()
                .stream().count()).isEqualTo(3);
    }
}
