package io.backbeat.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.events.Dataset;
import io.backbeat.events.InputFormat;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.SongsContract;
import io.backbeat.events.contract.StreamsContract;
import io.backbeat.events.contract.UsersContract;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefectsTest {
    private static final int ORDINALS = 40;
    private static final GeneratorOptions OPTIONS = GeneratorOptions.builder().users(20).songs(30).plays(50).build();
    private static final TrackCatalogue TRACKS = new TrackCatalogue(OPTIONS.seed(), OPTIONS.songs());

    static RowSource source(Dataset dataset) {
        return switch (dataset) {
            case USERS -> new UserRows(OPTIONS);
            case SONGS -> new SongRows(OPTIONS, TRACKS);
            case STREAMS -> new PlayRows(OPTIONS, TRACKS);
            case EVENTS, CATALOG -> throw new IllegalArgumentException(dataset.id() + " is not CSV rows");
        };
    }

    static Stream<Arguments> supportedDefects() {
        return Arrays.stream(Dataset.values())
                .filter(dataset -> dataset.inputFormat() == InputFormat.CSV)
                .flatMap(dataset -> Arrays.stream(ReasonCode.values())
                .filter(reason -> new Defects(dataset.contract()).supports(reason))
                .map(reason -> Arguments.of(dataset, reason)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedDefects")
    void spoil_failsExactlyTheNamedCheckAndNoOther(Dataset dataset, ReasonCode reason) {
        RowSource source = source(dataset);
        Defects defects = new Defects(dataset.contract());
        for (int ordinal = 0; ordinal < ORDINALS; ordinal++) {
            String[] valid = source.spareRow(ordinal);
            InjectedRow row = defects.spoil(reason, valid, ordinal);

            List<String> fields = asValidationSees(row);

            assertThat(ReferenceValidator.failedChecks(dataset.contract(), fields))
                    .as("%s ordinal %d: %s", reason.code(), ordinal, fields)
                    .containsExactly(reason);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedDefects")
    void spoil_changesOneFieldWhoseStrippedValueTheContractTypeRejects(Dataset dataset, ReasonCode reason) {
        RowSource source = source(dataset);
        Defects defects = new Defects(dataset.contract());
        List<String> columnsHit = new ArrayList<>();
        for (int ordinal = 0; ordinal < ORDINALS; ordinal++) {
            String[] valid = source.spareRow(ordinal);
            List<String> spoiled = asValidationSees(defects.spoil(reason, valid, ordinal));
            if (reason == ReasonCode.WRONG_FIELD_COUNT) {
                assertThat(spoiled.size()).isIn(valid.length - 1, valid.length + 1);
                continue;
            }
            int[] changed = IntStream.range(0, valid.length)
                    .filter(i -> !valid[i].equals(spoiled.get(i)))
                    .toArray();
            assertThat(changed).as("%s ordinal %d", reason.code(), ordinal).hasSize(1);
            Column column = dataset.contract().columns().get(changed[0]);
            columnsHit.add(column.name());
            String value = spoiled.get(changed[0]);
            switch (reason) {
                case BAD_ENCODING -> assertThat(value).containsAnyOf("\uFFFD", "\u0000");
                case MISSING_VALUE -> assertThat(value).isBlank();
                default -> assertThat(column.type().check(value.strip())).as(value).isEqualTo(reason);
            }
        }
        assertThat(columnsHit.isEmpty()).isEqualTo(reason == ReasonCode.WRONG_FIELD_COUNT);
    }

    @Test
    void spoil_rotatesOverEveryColumnThatCanFail() {
        Defects defects = new Defects(SongsContract.CONTRACT);
        RowSource songs = source(Dataset.SONGS);
        List<Integer> hit = IntStream.range(0, 8)
                .mapToObj(ordinal -> {
                    String[] valid = songs.spareRow(ordinal);
                    List<String> spoiled = asValidationSees(defects.spoil(ReasonCode.TOO_LONG, valid, ordinal));
                    return IntStream.range(0, valid.length)
                            .filter(i -> !valid[i].equals(spoiled.get(i)))
                            .findFirst()
                            .orElseThrow();
                })
                .distinct()
                .toList();

        assertThat(hit).extracting(i -> SongsContract.CONTRACT.columns().get(i).name())
                .containsExactlyInAnyOrder("artists", "album_name", "track_name", "track_genre");
    }

    @Nested
    class ContractTypes {
        @Test
        void listenTimeType_rejectsInjectedTimestampsAndAcceptsUnusualForms() {
            var type = StreamsContract.CONTRACT.column("listen_time").type();
            assertThat(type.check("2024-06-25 24:10:00")).isEqualTo(ReasonCode.BAD_TIMESTAMP);
            assertThat(type.check("2024-02-30 10:00:00")).isEqualTo(ReasonCode.BAD_TIMESTAMP);
            assertThat(type.check("2024-06-25T10:00:00.123Z")).isNull();
            assertThat(type.check("2024-06-25 10:00:00Z")).isNull();
        }

        @Test
        void userAgeType_rejectsOutOfRangeAndNonIntegers() {
            var type = UsersContract.CONTRACT.column("user_age").type();
            assertThat(type.check("131")).isEqualTo(ReasonCode.OUT_OF_RANGE);
            assertThat(type.check("99999999999999999999")).isEqualTo(ReasonCode.OUT_OF_RANGE);
            assertThat(type.check("٤٢")).isEqualTo(ReasonCode.BAD_INTEGER);
            assertThat(UsersContract.CONTRACT.column("user_age").optional()).isTrue();
        }

        @Test
        void genreType_countsBytesNotCharacters() {
            var type = SongsContract.CONTRACT.column("track_genre").type();
            assertThat(type.check("音".repeat(21))).isNull();
            assertThat(type.check("音".repeat(22))).isEqualTo(ReasonCode.TOO_LONG);
        }
    }

    @Test
    void spoil_refusesAReasonNoColumnCanFailWith() {
        Defects defects = new Defects(StreamsContract.CONTRACT);
        String[] valid = source(Dataset.STREAMS).spareRow(0);

        assertThatThrownBy(() -> defects.spoil(ReasonCode.BAD_DATE, valid, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streams has no column that can fail with bad_date (columns: user_id, track_id, listen_time)");
    }

    /** The row as validation reads it: ISO-8859-1 fields become bytes that decode with U+FFFD. */
    static List<String> asValidationSees(InjectedRow row) {
        List<String> fields = new ArrayList<>(Arrays.asList(row.fields()));
        if (row.latin1Field() != CsvOutput.NO_LATIN1_FIELD) {
            byte[] bytes = fields.get(row.latin1Field()).getBytes(StandardCharsets.ISO_8859_1);
            fields.set(row.latin1Field(), decodeReplacing(bytes));
        }
        return fields;
    }

    private static String decodeReplacing(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }
}
