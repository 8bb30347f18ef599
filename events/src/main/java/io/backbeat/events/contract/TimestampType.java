package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * An instant written {@code YYYY-MM-DD HH:MM:SS}, also with a {@code T} separator, fractional seconds
 * and a trailing {@code Z} or numeric offset ({@code +02:00}, {@code -0530}). Without a zone it is UTC.
 */
public record TimestampType() implements ColumnType {

    @Override
    public ReasonCode check(String value) {
        return ListenTime.parse(value) == ListenTime.INVALID ? ReasonCode.BAD_TIMESTAMP : null;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return column + " must be a real time written YYYY-MM-DD HH:MM:SS (a T separator, fractional seconds and"
                + " a trailing Z or +HH:MM offset are accepted)";
    }

    @Override
    public String warehouseType() {
        return "TIMESTAMP";
    }
}
