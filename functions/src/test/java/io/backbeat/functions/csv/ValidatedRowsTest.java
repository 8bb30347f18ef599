package io.backbeat.functions.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import io.backbeat.events.contract.SongsContract;
import io.backbeat.events.contract.StreamsContract;
import io.backbeat.functions.storage.ObjectOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validated zone's layout: what validate writes, transform reads back value for value, through real zstd. */
class ValidatedRowsTest {

    @Test
    void rowsComeBackWithTheirLinesAndEveryKindOfValue() throws IOException {
        String longValue = "x".repeat(300_000); // longer than a length byte and than the reader's buffer
        List<List<String>> rows = List.of(
                List.of("1", "4dBa8T7oDV9WvGr7kVS4Ez", "Ann;Bob", "Album, \"live\"", "Track", "1", "1000", "hip hop"),
                List.of("2", "4dBa8T7oDV9WvGr7kVS4Ez", "Zoë ♫ 日本 🎵", "", "Track\nwith a line break", "", "", ""),
                List.of("300000000000", "4dBa8T7oDV9WvGr7kVS4Ez", longValue, "a", "b", "7", "0", "pop"));
        MemoryOutput output = new MemoryOutput();
        ValidatedRowWriter writer = ValidatedRowWriter.of(output, SongsContract.CONTRACT);
        for (List<String> row : rows) {
            writer.row(Long.parseLong(row.get(0)), row.subList(1, row.size()).toArray(String[]::new));
        }
        writer.close();

        assertThat(writer.rows()).isEqualTo(3);
        assertThat(read(output.toByteArray(), SongsContract.CONTRACT)).isEqualTo(rows);
    }

    @Test
    void charRangesAreWrittenAsTheirText() throws IOException {
        MemoryOutput output = new MemoryOutput();
        ValidatedRowWriter writer = ValidatedRowWriter.of(output, StreamsContract.CONTRACT);
        char[] chars = "..42|4dBa8T7oDV9WvGr7kVS4Ez|2024-06-25 23:30:00|é..".toCharArray();
        writer.beginRow(7);
        writer.field(chars, 2, 2);
        writer.field(chars, 5, 22);
        writer.field(chars, 28, 19);
        writer.beginRow(8);
        writer.field(chars, 48, 1);
        writer.field(chars, 0, 0);
        writer.field(chars, 2, 2);
        writer.close();

        assertThat(read(output.toByteArray(), StreamsContract.CONTRACT)).containsExactly(
                List.of("7", "42", "4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-25 23:30:00"),
                List.of("8", "é", "", "42"));
    }

    @Test
    void quoteFreeRowsKeepTheirMarkAndLineNumbersOfAnySize() throws IOException {
        MemoryOutput output = new MemoryOutput();
        ValidatedRowWriter writer = ValidatedRowWriter.of(output, StreamsContract.CONTRACT);
        char[] chars = "42|4dBa8T7oDV9WvGr7kVS4Ez|2024-06-25 23:30:00".toCharArray();
        long[] lines = {2, 3, 300_000_000_000L, (1L << 62) - 1};
        for (int i = 0; i < lines.length; i++) {
            if (i % 2 == 0) {
                writer.beginQuoteFreeRow(lines[i]);
            } else {
                writer.beginRow(lines[i]);
            }
            writer.field(chars, 0, 2);
            writer.field(chars, 3, 22);
            writer.field(chars, 26, 19);
        }
        writer.close();

        try (var in = new ZstdInputStream(new ByteArrayInputStream(output.toByteArray()))) {
            ValidatedRowReader reader = new ValidatedRowReader(in, StreamsContract.CONTRACT, "validated/test.csv.zst");
            for (int i = 0; i < lines.length; i++) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.line()).isEqualTo(lines[i]);
                assertThat(reader.quoteFree()).as("row %d", i).isEqualTo(i % 2 == 0);
                assertThat(reader.text(2)).isEqualTo("2024-06-25 23:30:00");
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void anObjectOfThePreviousLayoutIsReadWithItsLinesAndNoQuoteFreeMark() throws IOException {
        // Layout 2 as the previous release wrote it, byte for byte: the header, then per row the line alone as a
        // varint and each value as its length and bytes.
        ByteArrayOutputStream layout2 = new ByteArrayOutputStream();
        layout2.writeBytes("backbeat-validated-rows 2\nuser_id,track_id,listen_time\n".getBytes(StandardCharsets.UTF_8));
        layout2.writeBytes(new byte[] {3}); // line 3: a layout-3 reader would take it for line 1, quote-free
        for (String value : new String[] {"42", "4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-25 23:30:00"}) {
            layout2.write(value.length());
            layout2.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }
        layout2.writeBytes(new byte[] {(byte) 0xac, 0x02}); // line 300, two varint bytes
        for (String value : new String[] {"7", "0lGCZyHk9ydHxEqCq7ZJSR", "2024-07-03 06:26:24"}) {
            layout2.write(value.length());
            layout2.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] object = com.github.luben.zstd.Zstd.compress(layout2.toByteArray());
        assertThat(read(object, StreamsContract.CONTRACT)).containsExactly(
                List.of("3", "42", "4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-25 23:30:00"),
                List.of("300", "7", "0lGCZyHk9ydHxEqCq7ZJSR", "2024-07-03 06:26:24"));
        try (var in = new ZstdInputStream(new ByteArrayInputStream(object))) {
            ValidatedRowReader reader = new ValidatedRowReader(in, StreamsContract.CONTRACT, "validated/old.csv.zst");
            while (reader.next()) {
                assertThat(reader.quoteFree()).as("layout 2 has no mark: every row is scanned for quoting").isFalse();
            }
        }
    }

    @Test
    void anObjectOfAnotherLayoutOrContractIsRefused() throws IOException {
        MemoryOutput output = new MemoryOutput();
        ValidatedRowWriter writer = ValidatedRowWriter.of(output, SongsContract.CONTRACT);
        writer.close();

        assertThatThrownBy(() -> read(output.toByteArray(), StreamsContract.CONTRACT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validated/ must only be written by the validate stage of the same version");
        assertThatThrownBy(() -> read(com.github.luben.zstd.Zstd.compress("source_line,user_id\n1,2\n".getBytes()),
                        StreamsContract.CONTRACT))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> read(com.github.luben.zstd.Zstd.compress(
                        "backbeat-validated-rows 1\nuser_id,track_id,listen_time\n".getBytes()), StreamsContract.CONTRACT))
                .as("a layout older than the previous one")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anObjectCutInsideARowIsAnError() throws IOException {
        MemoryOutput output = new MemoryOutput();
        ValidatedRowWriter writer = ValidatedRowWriter.of(output, StreamsContract.CONTRACT);
        writer.row(2, new String[] {"42", "4dBa8T7oDV9WvGr7kVS4Ez", "2024-06-25 23:30:00"});
        writer.close();
        byte[] plain;
        try (var in = new ZstdInputStream(new ByteArrayInputStream(output.toByteArray()))) {
            plain = in.readAllBytes();
        }
        byte[] cut = com.github.luben.zstd.Zstd.compress(Arrays.copyOf(plain, plain.length - 3));

        assertThatThrownBy(() -> read(cut, StreamsContract.CONTRACT)).isInstanceOf(EOFException.class);
    }

    private static List<List<String>> read(byte[] object, io.backbeat.events.contract.DatasetContract contract)
            throws IOException {
        try (var in = new ZstdInputStream(new ByteArrayInputStream(object))) {
            ValidatedRowReader reader = new ValidatedRowReader(in, contract, "validated/test.csv.zst");
            List<List<String>> rows = new ArrayList<>();
            while (reader.next()) {
                List<String> row = new ArrayList<>(List.of(Long.toString(reader.line())));
                for (int c = 0; c < reader.columns(); c++) {
                    row.add(reader.text(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** An object held in memory: the format under test, not the store, is the point here. */
    private static final class MemoryOutput extends ObjectOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public String key() {
            return "validated/test.csv.zst";
        }

        @Override
        public void abort() {}

        @Override
        public long bytesWritten() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
