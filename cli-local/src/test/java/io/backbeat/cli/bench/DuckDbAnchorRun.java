package io.backbeat.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link DuckDbAnchor} on the files of a {@code backbeat bench warehouse} run, on demand only (its name matches no
 * test pattern, so the suite never runs it):
 *
 * <pre>
 * ./mvnw -q -B -pl cli -am test -Dtest=DuckDbAnchorRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbackbeat.anchor.data=&lt;the "data" folder of the bench's JSON line&gt;
 * </pre>
 */
class DuckDbAnchorRun {

    @Test
    void loadAndRefreshTheBenchFiles() throws Exception {
        String data = System.getProperty("backbeat.anchor.data");
        assertThat(data).as("-Dbackbeat.anchor.data=<folder>").isNotBlank();
        assertThat(Files.isDirectory(Path.of(data))).as(data + " is a folder").isTrue();
        DuckDbAnchor.main(new String[] {data});
    }
}
