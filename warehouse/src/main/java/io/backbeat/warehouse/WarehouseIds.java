package io.backbeat.warehouse;

import java.util.regex.Pattern;

/**
 * The one kind of value the pipeline writes into SQL text: ids it generates itself (UUIDs: load and refresh ids),
 * checked against a strict pattern first, so nothing a user uploaded can reach a statement except as a
 * parameter. (Redshift's BatchExecuteStatement, which gives a load or a refresh its single transaction,
 * takes no parameters.)
 */
public final class WarehouseIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private WarehouseIds() {}

    /**
     * @return {@code id} as a quoted SQL literal
     * @throws IllegalArgumentException when {@code id} is not 1 to 64 letters, digits and dashes
     */
    public static String literal(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a warehouse id must be 1 to 64 letters, digits and dashes, starting with"
                    + " a letter or digit; got '" + id + "'");
        }
        return "'" + id + "'";
    }
}
