package io.backbeat.localcloud.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvNullFieldsTest {
    /** Columns: id (int), name (text), note (text). */
    private static final boolean[] TYPES = {false, true, true};

    private static String filter(String csv, boolean emptyAsNull, boolean blanksAsNull, int headerLines)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvNullFields fields = new CsvNullFields(out, TYPES, emptyAsNull, blanksAsNull, "\\N", headerLines);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        // Odd chunks, so a field is split across writes.
        for (int i = 0; i < bytes.length; i += 3) {
            fields.write(bytes, i, Math.min(3, bytes.length - i));
        }
        fields.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutOptions_emptyTextIsEmptyStringAndEmptyOrBlankNumberIsNull() throws IOException {
        assertThat(filter(",,\n  ,  ,x\n", false, false, 0)).isEqualTo(",\"\",\"\"\n,  ,x\n");
    }

    @Test
    void emptyAsNull_makesEmptyTextNull() throws IOException {
        assertThat(filter("1,,  \n", true, false, 0)).isEqualTo("1,,  \n");
    }

    @Test
    void blanksAsNull_makesBlankTextNull() throws IOException {
        assertThat(filter("1, \t,\n", false, true, 0)).isEqualTo("1,,\"\"\n");
    }

    @Test
    void quotedFieldsPassUntouchedWithTheirDelimitersAndLineBreaks() throws IOException {
        String csv = "1,\"a, \"\"b\"\"\nc\",\"\"\n2,\"é😀\",x\r\n";

        assertThat(filter(csv, true, true, 0)).isEqualTo(csv);
    }

    @Test
    void headerLinesAreDroppedAndCounted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvNullFields fields = new CsvNullFields(out, TYPES, false, false, "\\N", 2);
        fields.write("id,\"name\nwith break\",note\nsecond,header,line\n1,a,b".getBytes(StandardCharsets.UTF_8));
        fields.finish();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1,a,b");
        assertThat(fields.skippedLines()).isEqualTo(2);
    }

    @Test
    void crlfLineEndsAreKeptAndDoNotMakeAFieldNonEmpty() throws IOException {
        assertThat(filter("1,a,\r\n", false, false, 0)).isEqualTo("1,a,\"\"\r\n");
    }
}
