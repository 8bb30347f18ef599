package io.backbeat.localcloud.redshift;

import static io.backbeat.localcloud.redshift.Statements.await;
import static io.backbeat.localcloud.redshift.Statements.awaitStatus;
import static io.backbeat.localcloud.redshift.Statements.client;
import static io.backbeat.localcloud.redshift.Statements.ok;
import static io.backbeat.localcloud.redshift.Statements.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

class CancelStatementTest {
    @Test
    void cancel_abortsALongRunningStatement() {
        // Ten minutes of sleep: only a cancel ends it within await's 20 s.
        String id = submit("SELECT pg_sleep(600)");
        awaitStatus(id, StatusString.STARTED);

        assertThat(client().cancelStatement(b -> b.id(id)).status()).isTrue();
        DescribeStatementResponse aborted = await(id);

        assertThat(aborted.status()).isEqualTo(StatusString.ABORTED);
    }

    @Test
    void cancel_ofAWaitingStatement_abortsItBeforeItRuns() {
        List<String> sleepers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sleepers.add(submit("SELECT pg_sleep(10)"));
        }
        sleepers.forEach(id -> awaitStatus(id, StatusString.STARTED));
        String waiting = submit("SELECT 1");
        try {
            assertThat(client().describeStatement(b -> b.id(waiting)).status()).isEqualTo(StatusString.SUBMITTED);

            client().cancelStatement(b -> b.id(waiting));

            DescribeStatementResponse aborted = client().describeStatement(b -> b.id(waiting));
            assertThat(aborted.status()).isEqualTo(StatusString.ABORTED);
            assertThat(aborted.redshiftPid()).isZero();
        } finally {
            sleepers.forEach(id -> client().cancelStatement(b -> b.id(id)));
            sleepers.forEach(id -> assertThat(await(id).status()).isEqualTo(StatusString.ABORTED));
        }
    }

    @Test
    void cancel_ofAFinishedStatement_isValidationException() {
        String id = ok("SELECT 1").id();

        assertThatThrownBy(() -> client().cancelStatement(b -> b.id(id)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Could not cancel a query that is already in FINISHED state.");
    }
}
