package io.backbeat.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import io.backbeat.events.Dataset;
import io.backbeat.events.contract.StreamsContract;
import io.backbeat.functions.csv.CsvFields;
import io.backbeat.functions.csv.CsvRecords;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validate's fast path for canonical rows takes exactly the rows the full check accepts and normalizing leaves alone. */
class RowValidatorTest {

    @Test
    void theFastPathTakesOnlyRowsTheCheckAcceptsAndNormalizingLeavesUnchanged() throws Exception {
        String csv = String.join("\n",
                "listen_time,track_id,user_id,extra",
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,42,x",          // canonical, columns in another order
                "2024-06-25T17:43:13Z,4dBa8T7oDV9WvGr7kVS4Ez,42,x",         // valid, not canonical: time
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,+42,x",         // valid, not canonical: sign
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,042,x",         // valid, not canonical: leading zero
                "2024-06-25 17:43:13, 4dBa8T7oDV9WvGr7kVS4Ez,42,x",         // valid, not canonical: blank
                "2024-02-30 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,42,x",          // invalid date
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4E,42,x",           // short track id
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,0,x",           // user id out of range
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,9223372036854775807,x", // valid, 19 digits: full check
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,42",            // a field short
                "2024-06-25 17:43:13,4dBa8T7oDV9WvGr7kVS4Ez,7,\"a,b\"",     // canonical, a quoted extra column
                "");
        List<Boolean> fast = new ArrayList<>();
        try (CsvReader<CsvFields> reader = CsvRecords.fields(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            Iterator<CsvFields> records = reader.iterator();
            HeaderMapping mapping = HeaderMapping.resolve(StreamsContract.CONTRACT, records.next().texts());
            RowValidator validator = new RowValidator(StreamsContract.CONTRACT, mapping);
            RowNormalizer normalizer = RowNormalizer.of(Dataset.STREAMS);
            while (records.hasNext()) {
                CsvFields record = records.next();
                boolean canonical = validator.isCanonical(record);
                fast.add(canonical);
                if (canonical) {
                    assertThat(validator.check(record)).as("line %d", record.line()).isNull();
                    String[] raw = validator.values().clone();
                    assertThat(normalizer.normalize(raw)).as("line %d", record.line()).containsExactly(raw);
                    // Written as quote-free: transform copies these values into CSV without quoting them.
                    assertThat(String.join("", raw)).as("line %d", record.line()).doesNotContainPattern("[,\"\r\n]");
                }
            }
        }

        assertThat(fast).containsExactly(true, false, false, false, false, false, false, false, false, false, true);
    }
}
