package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/** A calendar date written {@code YYYY-MM-DD}. */
public record DateType() implements ColumnType {

    @Override
    public ReasonCode check(String value) {
        return CalendarText.isDate(value, 0) && value.length() == 10 ? null : ReasonCode.BAD_DATE;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return column + " must be a real date written YYYY-MM-DD";
    }

    @Override
    public String warehouseType() {
        return "DATE";
    }
}
