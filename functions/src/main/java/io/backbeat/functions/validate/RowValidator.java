package io.backbeat.functions.validate;

import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.ColumnType;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.events.contract.IntegerType;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.events.contract.TimestampType;
import io.backbeat.events.contract.TrackIdType;
import io.backbeat.functions.csv.ValidatedRowWriter;
import io.backbeat.functions.csv.CsvFields;
import io.backbeat.functions.csv.CsvRecords;
import io.backbeat.functions.quarantine.RejectedRow;

/**
 * Checks one record against the contract. The first problem decides the reason, in this order: the
 * field count, then each contract column in canonical order: its encoding, whether it is present,
 * then its type. Columns outside the contract are never looked at (they are dropped).
 */
final class RowValidator {
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final Column[] columns;
    private final HeaderMapping mapping;
    private final String[] values;
    /** Per column, the type of {@link #isCanonical}'s check; null when the contract has a column it cannot check. */
    private final ColumnType[] canonicalChecks;

    RowValidator(DatasetContract contract, HeaderMapping mapping) {
        this.columns = contract.columns().toArray(Column[]::new);
        this.mapping = mapping;
        this.values = new String[columns.length];
        ColumnType[] checks = new ColumnType[columns.length];
        for (int c = 0; c < columns.length; c++) {
            ColumnType type = columns[c].type();
            boolean checkable = type instanceof IntegerType || type instanceof TrackIdType || type instanceof TimestampType;
            if (!checkable || mapping.sourceIndex(c) < 0) {
                checks = null;
                break;
            }
            checks[c] = type;
        }
        this.canonicalChecks = checks;
    }

    /**
     * True when every contract value of the record is valid and already canonical (an integer in plain digits in its
     * range, a track id, a listen time written {@code YYYY-MM-DD HH:MM:SS}), so that {@link #check} would accept it and
     * normalizing would change nothing: validate then writes the characters as they are, without a string per value
     * (the fast path of a well-formed plays file; a profile put the strings and checks at a fifth of validate). Any
     * other record, valid or not, answers false and takes {@link #check}.
     */
    boolean isCanonical(CsvFields record) {
        if (canonicalChecks == null || record.count() != mapping.fieldCount()) {
            return false;
        }
        char[] chars = record.chars();
        for (int c = 0; c < canonicalChecks.length; c++) {
            int index = mapping.sourceIndex(c);
            int start = record.start(index);
            int length = record.length(index);
            boolean canonical = switch (canonicalChecks[c]) {
                case IntegerType integer -> canonicalInteger(chars, start, length, integer.min(), integer.max());
                case TrackIdType ignored -> TrackIdType.isTrackId(chars, start, length);
                case TimestampType ignored -> ListenTime.isValidCanonical(chars, start, length);
                default -> false;
            };
            if (!canonical) {
                return false;
            }
        }
        return true;
    }

    /** Writes a record {@link #isCanonical} accepted: its contract values in canonical order, as they are. */
    void writeCanonical(CsvFields record, ValidatedRowWriter writer) throws java.io.IOException {
        writer.beginQuoteFreeRow(record.line()); // digits, track ids, canonical times: nothing CSV would quote
        for (int c = 0; c < columns.length; c++) {
            int index = mapping.sourceIndex(c);
            writer.field(record.chars(), record.start(index), record.length(index));
        }
    }

    /** Plain digits, no sign, no leading zero (but "0"), at most 18 of them, within {@code [min, max]}. */
    private static boolean canonicalInteger(char[] chars, int start, int length, long min, long max) {
        if (length < 1 || length > 18 || (chars[start] == '0' && length > 1)) {
            return false;
        }
        long value = 0;
        for (int i = start; i < start + length; i++) {
            int digit = chars[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            value = value * 10 + digit;
        }
        return value >= min && value <= max;
    }

    /**
     * Null when the record is valid, otherwise why it is not. Only the contract's columns become strings (a column
     * outside the contract is never looked at); a valid record's are then in {@link #values()}.
     */
    RejectedRow check(CsvFields record) {
        if (record.count() != mapping.fieldCount()) {
            return new RejectedRow(record.line(), null, ReasonCode.WRONG_FIELD_COUNT,
                    "the row has " + record.count() + " field" + (record.count() == 1 ? "" : "s")
                            + " but the header has " + mapping.fieldCount()
                            + "; quote values that contain commas, quotes or line breaks",
                    CsvRecords.toLine(record.texts()));
        }
        for (int c = 0; c < columns.length; c++) {
            int index = mapping.sourceIndex(c);
            if (index < 0) {
                values[c] = "";
                continue;
            }
            String value = record.text(index);
            ReasonCode reason = problem(columns[c], value);
            if (reason != null) {
                return new RejectedRow(record.line(), columns[c].name(), reason,
                        explain(columns[c], reason, value), CsvRecords.toLine(record.texts()));
            }
            values[c] = value;
        }
        return null;
    }

    /**
     * The contract columns of the record {@link #check} last accepted, in canonical order, as uploaded (empty for a
     * column the header lacks). The same array every time: normalize before the next check.
     */
    String[] values() {
        return values;
    }

    private static ReasonCode problem(Column column, String value) {
        if (value.indexOf(REPLACEMENT_CHARACTER) >= 0 || value.indexOf('\0') >= 0) {
            return ReasonCode.BAD_ENCODING;
        }
        String stripped = strip(value);
        if (stripped.isEmpty()) {
            return column.optional() ? null : ReasonCode.MISSING_VALUE;
        }
        return column.type().check(stripped);
    }

    private static String explain(Column column, ReasonCode reason, String value) {
        return switch (reason) {
            case BAD_ENCODING -> value.indexOf('\0') >= 0
                    ? column.name() + " contains a NUL character; remove it or re-export the file as text"
                    : column.name() + " holds bytes that are not UTF-8 (shown as \uFFFD); save the file as UTF-8";
            case MISSING_VALUE -> strip(value).isEmpty()
                    ? column.name() + " is required but empty"
                    : column.type().explain(column.name(), reason);
            default -> column.type().explain(column.name(), reason);
        };
    }

    /** {@link String#strip()} without a copy in the common case of nothing to strip. */
    static String strip(String value) {
        int length = value.length();
        if (length == 0 || (!Character.isWhitespace(value.charAt(0)) && !Character.isWhitespace(value.charAt(length - 1)))) {
            return value;
        }
        return value.strip();
    }
}
