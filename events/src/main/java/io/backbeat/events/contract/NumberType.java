package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * A finite decimal number above {@code exclusiveMin} (a song's length in seconds), loaded as
 * {@code DOUBLE PRECISION}. Accepts what {@link Double#parseDouble} accepts except the words
 * {@code NaN} and {@code Infinity}, hexadecimal and a trailing type letter.
 *
 * @param exclusiveMin values must be greater than this
 */
public record NumberType(double exclusiveMin) implements ColumnType {

    @Override
    public ReasonCode check(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return ReasonCode.BAD_VALUE;
            }
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return ReasonCode.BAD_VALUE;
        }
        return Double.isFinite(parsed) && parsed > exclusiveMin ? null : ReasonCode.OUT_OF_RANGE;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return switch (reason) {
            case BAD_VALUE -> column + " must be a number";
            case OUT_OF_RANGE -> column + " must be a finite number greater than " + (exclusiveMin == Math.rint(exclusiveMin)
                    ? Long.toString((long) exclusiveMin) : Double.toString(exclusiveMin));
            default -> column + ": " + reason.code();
        };
    }

    @Override
    public String warehouseType() {
        return "DOUBLE PRECISION";
    }
}
