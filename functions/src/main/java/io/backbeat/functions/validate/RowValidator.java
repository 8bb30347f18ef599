package io.backbeat.functions.validate;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
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

    RowValidator(DatasetContract contract, HeaderMapping mapping) {
        this.columns = contract.columns().toArray(Column[]::new);
        this.mapping = mapping;
    }

    /** Null when the record is valid, otherwise why it is not. */
    RejectedRow check(CsvRecord record) {
        if (record.getFieldCount() != mapping.fieldCount()) {
            return new RejectedRow(record.getStartingLineNumber(), null, ReasonCode.WRONG_FIELD_COUNT,
                    "the row has " + record.getFieldCount() + " field" + (record.getFieldCount() == 1 ? "" : "s")
                            + " but the header has " + mapping.fieldCount()
                            + "; quote values that contain commas, quotes or line breaks",
                    CsvRecords.toLine(record.getFields()));
        }
        for (int c = 0; c < columns.length; c++) {
            int index = mapping.sourceIndex(c);
            if (index < 0) {
                continue;
            }
            ReasonCode reason = problem(columns[c], record.getField(index));
            if (reason != null) {
                return new RejectedRow(record.getStartingLineNumber(), columns[c].name(), reason,
                        explain(columns[c], reason, record.getField(index)), CsvRecords.toLine(record.getFields()));
            }
        }
        return null;
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

    /** The record in the layout of the validated zone: source line, then contract columns as uploaded. */
    String[] validatedRow(CsvRecord record) {
        String[] row = new String[columns.length + 1];
        row[0] = Long.toString(record.getStartingLineNumber());
        for (int c = 0; c < columns.length; c++) {
            int index = mapping.sourceIndex(c);
            row[c + 1] = index < 0 ? "" : record.getField(index);
        }
        return row;
    }
}
