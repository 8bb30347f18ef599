package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/** {@code true} or {@code false}, as validate writes a JSON boolean; loaded as a Redshift {@code BOOLEAN}. */
public record BooleanType() implements ColumnType {

    @Override
    public ReasonCode check(String value) {
        return value.equals("true") || value.equals("false") ? null : ReasonCode.BAD_VALUE;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return column + " must be true or false";
    }

    @Override
    public String warehouseType() {
        return "BOOLEAN";
    }
}
