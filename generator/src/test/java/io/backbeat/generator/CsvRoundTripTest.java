package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What FastCSV reads back is exactly what the generator meant to write, quotes, line breaks and all. */
class CsvRoundTripTest {
    private static final GeneratorOptions OPTIONS =
            GeneratorOptions.builder().users(3_000).songs(3_000).plays(2_000).gzip(true).build();
    private static final TrackCatalogue TRACKS = new TrackCatalogue(OPTIONS.seed(), OPTIONS.songs());

    @TempDir
    Path temp;

    @Test
    void users_readBackAsGenerated() {
        DatasetGenerator.generate(OPTIONS, temp);

        assertRoundTrip(temp.resolve("users.csv.gz"), new UserRows(OPTIONS));
    }

    @Test
    void songs_readBackAsGenerated() {
        DatasetGenerator.generate(OPTIONS, temp);

        assertRoundTrip(temp.resolve("songs.csv.gz"), new SongRows(OPTIONS, TRACKS));
    }

    @Test
    void plays_readBackAsGenerated() {
        DatasetGenerator.generate(OPTIONS, temp);

        assertRoundTrip(temp.resolve("streams.csv.gz"), new PlayRows(OPTIONS, TRACKS));
    }

    @Test
    void needsQuotes_forSeparatorsQuotesLineBreaksAndSurroundingBlanks() {
        assertThat(List.of("Earth, Wind & Fire", "The \"Real\"", "a\nb", "a\rb", "  Hip Hop ", " x", "x "))
                .allMatch(CsvOutput::needsQuotes);
        assertThat(List.of("", "Sigur Rós", "坂本龍一", "🌙 Moon Crew", "hip hop"))
                .noneMatch(CsvOutput::needsQuotes);
    }

    private static void assertRoundTrip(Path file, RowSource source) {
        List<CsvRecord> records = ReferenceValidator.records(file);
        List<List<String>> expected = LongStream.range(0, source.size())
                .mapToObj(i -> Arrays.asList(source.row(i)))
                .toList();

        assertThat(records.getFirst().getFields()).isEqualTo(source.dataset().contract().columnNames());
        assertThat(records.subList(1, records.size())).extracting(CsvRecord::getFields)
                .containsExactlyElementsOf(expected);
    }
}
