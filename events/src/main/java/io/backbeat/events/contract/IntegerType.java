package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/** A base-10 integer within {@code [min, max]}; an optional leading sign, nothing else. */
public record IntegerType(long min, long max) implements ColumnType {

    public IntegerType {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " must not exceed max " + max);
        }
    }

    @Override
    public ReasonCode check(String value) {
        int length = value.length();
        int i = 0;
        boolean negative = false;
        char first = value.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i = 1;
            if (length == 1) {
                return ReasonCode.BAD_INTEGER;
            }
        }
        long magnitude = 0;
        boolean overflow = false;
        for (; i < length; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return ReasonCode.BAD_INTEGER;
            }
            if (magnitude > (Long.MAX_VALUE - digit) / 10) {
                overflow = true; // keep scanning: a later non-digit still makes it bad_integer
            } else {
                magnitude = magnitude * 10 + digit;
            }
        }
        if (overflow) {
            return ReasonCode.OUT_OF_RANGE;
        }
        long parsed = negative ? -magnitude : magnitude;
        return parsed < min || parsed > max ? ReasonCode.OUT_OF_RANGE : null;
    }

    /** Parses a value {@link #check} accepted. */
    public static long parse(String value) {
        return Long.parseLong(value.charAt(0) == '+' ? value.substring(1) : value);
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return switch (reason) {
            case BAD_INTEGER -> column + " must be a whole number written in digits";
            case OUT_OF_RANGE -> column + " must be between " + min + " and " + max;
            default -> column + ": " + reason.code();
        };
    }

    @Override
    public String warehouseType() {
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return "SMALLINT";
        }
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? "INTEGER" : "BIGINT";
    }
}
