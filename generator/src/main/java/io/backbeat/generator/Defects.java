package io.backbeat.generator;

import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.ColumnType;
import io.backbeat.events.contract.CreditListType;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.events.contract.DateType;
import io.backbeat.events.contract.IntegerType;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.TextType;
import io.backbeat.events.contract.TimestampType;
import io.backbeat.events.contract.TrackIdType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Spoils a valid row so that validation rejects it for one given reason and no other: exactly one field
 * changes (or the field count, for {@code wrong_field_count}), and the new value fails the first check
 * validation applies to it. Which columns can fail how is read from the contract, so a contract change
 * reaches the injected rows. The column and the form of the damage rotate with the ordinal, so a few
 * injected rows of one reason cover every eligible column.
 */
final class Defects {
    private static final String OVERFLOW = "99999999999999999999";
    private static final String[] NOT_INTEGERS = {"n/a", "1,024", "0x1F", "٤٢", "12 34"};

    private final DatasetContract contract;
    private final Map<ReasonCode, int[]> eligibleColumns = new EnumMap<>(ReasonCode.class);
    private final int firstTextColumn;

    Defects(DatasetContract contract) {
        this.contract = contract;
        List<Column> columns = contract.columns();
        for (ReasonCode reason : ReasonCode.values()) {
            int[] eligible = IntStream.range(0, columns.size())
                    .filter(i -> canFail(columns.get(i), reason))
                    .toArray();
            if (eligible.length > 0) {
                eligibleColumns.put(reason, eligible);
            }
        }
        firstTextColumn = IntStream.range(0, columns.size())
                .filter(i -> textLimit(columns.get(i).type()) > 0)
                .findFirst()
                .orElse(-1);
    }

    boolean supports(ReasonCode reason) {
        return reason == ReasonCode.WRONG_FIELD_COUNT || eligibleColumns.containsKey(reason);
    }

    private static boolean canFail(Column column, ReasonCode reason) {
        return switch (reason) {
            case BAD_ENCODING -> true;
            case MISSING_VALUE -> !column.optional();
            case BAD_INTEGER, OUT_OF_RANGE -> column.type() instanceof IntegerType;
            case BAD_TRACK_ID, BAD_ID -> column.type() instanceof TrackIdType id && id.reason() == reason;
            case BAD_TIMESTAMP -> column.type() instanceof TimestampType;
            case BAD_DATE -> column.type() instanceof DateType;
            case TOO_LONG -> textLimit(column.type()) > 0;
            case WRONG_FIELD_COUNT, DUPLICATE_KEY, BAD_JSON, BAD_VALUE -> false;
        };
    }

    /**
     * @throws IllegalArgumentException when the dataset has no column that can fail for {@code reason}
     */
    InjectedRow spoil(ReasonCode reason, String[] valid, int ordinal) {
        if (reason == ReasonCode.WRONG_FIELD_COUNT) {
            return InjectedRow.of(wrongFieldCount(valid, ordinal));
        }
        int[] columns = eligibleColumns.get(reason);
        if (columns == null) {
            throw new IllegalArgumentException(contract.name() + " has no column that can fail with "
                    + reason.code() + " (columns: " + String.join(", ", contract.columnNames()) + ")");
        }
        int column = columns[ordinal % columns.length];
        int variant = ordinal / columns.length;
        String value = valid[column];
        String[] fields = valid.clone();
        if (reason == ReasonCode.BAD_ENCODING && variant % 2 == 0) {
            fields[column] = insertLatin1Letter(value);
            return new InjectedRow(fields, column);
        }
        fields[column] = switch (reason) {
            case BAD_ENCODING -> insertAtMiddle(value, "\u0000");
            case MISSING_VALUE -> variant % 2 == 0 ? "" : "   ";
            case BAD_INTEGER -> variant % 3 == 0 ? value + ".0" : pick(NOT_INTEGERS, variant);
            case OUT_OF_RANGE -> pick(outOfRange((IntegerType) contract.columns().get(column).type()), variant);
            case BAD_TRACK_ID -> badTrackId(value, variant);
            case BAD_TIMESTAMP -> badTimestamp(value, variant);
            case BAD_DATE -> badDate(value, variant);
            case TOO_LONG -> tooLong(value, textLimit(contract.columns().get(column).type()), variant);
            default -> throw new IllegalStateException("no defect for " + reason.code());
        };
        return InjectedRow.of(fields);
    }

    /** A field dropped, a trailing separator, or a comma left unquoted inside a text. */
    private String[] wrongFieldCount(String[] valid, int ordinal) {
        int variants = firstTextColumn < 0 ? 2 : 3;
        return switch (ordinal % variants) {
            case 0 -> Arrays.copyOf(valid, valid.length - 1);
            case 1 -> {
                String[] longer = Arrays.copyOf(valid, valid.length + 1);
                longer[valid.length] = "";
                yield longer;
            }
            default -> {
                List<String> fields = new ArrayList<>(Arrays.asList(valid));
                fields.set(firstTextColumn, "Doe");
                fields.add(firstTextColumn + 1, "Jane");
                yield fields.toArray(String[]::new);
            }
        };
    }

    /**
     * An {@code é} written as the single Latin-1 byte 0xE9, placed before an ASCII character (or at the
     * end): a following byte in 0x80..0xBF could otherwise complete it into valid UTF-8.
     */
    private static String insertLatin1Letter(String value) {
        int at = value.length() / 2;
        while (at < value.length() && value.charAt(at) >= 0x80) {
            at++;
        }
        return value.substring(0, at) + 'é' + value.substring(at);
    }

    private static String insertAtMiddle(String value, String inserted) {
        int at = value.length() / 2;
        if (at < value.length() && Character.isLowSurrogate(value.charAt(at))) {
            at++;
        }
        return value.substring(0, at) + inserted + value.substring(at);
    }

    private static String[] outOfRange(IntegerType type) {
        List<String> values = new ArrayList<>();
        if (type.max() < Long.MAX_VALUE) {
            values.add(Long.toString(type.max() + 1));
        }
        if (type.min() > Long.MIN_VALUE) {
            values.add(Long.toString(type.min() - 1));
        }
        values.add(OVERFLOW);
        if (type.max() < Long.MAX_VALUE - 1000) {
            values.add(Long.toString(type.max() + 1000));
        }
        return values.toArray(String[]::new);
    }

    private static String badTrackId(String id, int variant) {
        return switch (variant % 5) {
            case 0 -> id.substring(0, TrackIdType.LENGTH - 1);
            case 1 -> id + "Q";
            case 2 -> id.substring(0, 10) + "-" + id.substring(11);
            case 3 -> "spotify:track:" + id;
            default -> id.substring(0, TrackIdType.LENGTH - 1) + "é";
        };
    }

    /** {@code valid} is a canonical {@code YYYY-MM-DD HH:MM:SS}. */
    private static String badTimestamp(String valid, int variant) {
        String date = valid.substring(0, 10);
        String time = valid.substring(11, 19);
        return switch (variant % 7) {
            case 0 -> date + " 24" + time.substring(2);
            case 1 -> date.substring(0, 4) + "-02-30 " + time;
            case 2 -> date.replace('-', '/') + " " + time;
            case 3 -> Long.toString(ListenTime.parse(valid));
            case 4 -> date + " " + time.substring(0, 5);
            case 5 -> date + "T" + time + "+25:00";
            default -> dayMonthYear(date) + " " + time;
        };
    }

    /** {@code valid} is a {@code YYYY-MM-DD}. */
    private static String badDate(String valid, int variant) {
        return switch (variant % 6) {
            case 0 -> valid.substring(0, 4) + "-02-30";
            case 1 -> valid.replace('-', '/');
            case 2 -> dayMonthYear(valid);
            case 3 -> valid.substring(0, 4) + "-13-" + valid.substring(8);
            case 4 -> valid.replace("-", "");
            default -> valid + " 00:00:00";
        };
    }

    private static String dayMonthYear(String isoDate) {
        return isoDate.substring(8, 10) + "/" + isoDate.substring(5, 7) + "/" + isoDate.substring(0, 4);
    }

    /** Over the limit in UTF-8 bytes; the CJK and emoji forms stay within it in characters. */
    /** The byte limit of a free-text column (plain text or a credit list), or -1 for other types. */
    private static int textLimit(ColumnType type) {
        return switch (type) {
            case TextType text -> text.maxBytes();
            case CreditListType credits -> credits.maxBytes();
            default -> -1;
        };
    }

    private static String tooLong(String value, int maxBytes, int variant) {
        return switch (variant % 3) {
            case 0 -> {
                StringBuilder repeated = new StringBuilder(value);
                while (utf8Length(repeated.toString().strip()) <= maxBytes) {
                    repeated.append(" / ").append(value);
                }
                yield repeated.toString();
            }
            case 1 -> "音".repeat(maxBytes / 3 + 1);
            default -> "🎵".repeat(maxBytes / 4 + 1);
        };
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String pick(String[] values, int variant) {
        return values[variant % values.length];
    }
}
