package io.backbeat.events.contract;

import java.util.Objects;

/**
 * One column of a dataset contract.
 *
 * @param name the header name (matched case-insensitively, surrounding blanks ignored)
 * @param type how values are checked and what warehouse type they load into
 * @param optional whether an empty value is allowed (it loads as NULL)
 */
public record Column(String name, ColumnType type, boolean optional) {

    public Column {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(type, "type must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
