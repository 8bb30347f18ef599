package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * A list of credited names separated by {@code separator} ({@code "Ann;Bob"}), up to {@code maxBytes}
 * UTF-8 bytes in all; at least one credit must be non-blank.
 */
public record CreditListType(int maxBytes, char separator) implements ColumnType {
    public CreditListType {
        new TextType(maxBytes); // same bounds as a VARCHAR
    }

    @Override
    public ReasonCode check(String value) {
        boolean anyCredit = false;
        for (int i = 0; i < value.length() && !anyCredit; i++) {
            char c = value.charAt(i);
            anyCredit = c != separator && !Character.isWhitespace(c);
        }
        if (!anyCredit) {
            return ReasonCode.MISSING_VALUE;
        }
        return TextType.lengthProblem(value, maxBytes);
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return reason == ReasonCode.MISSING_VALUE
                ? column + " must credit at least one name (names are separated by '" + separator + "')"
                : new TextType(maxBytes).explain(column, reason);
    }

    @Override
    public String warehouseType() {
        return new TextType(maxBytes).warehouseType();
    }
}
