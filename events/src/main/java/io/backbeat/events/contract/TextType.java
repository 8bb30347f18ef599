package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * Free text up to {@code maxBytes} UTF-8 bytes, the length of its Redshift {@code VARCHAR} (which counts
 * bytes, not characters): a longer value would make {@code COPY} fail, so it is rejected here.
 */
public record TextType(int maxBytes) implements ColumnType {

    public TextType {
        if (maxBytes < 1 || maxBytes > 65535) {
            throw new IllegalArgumentException("maxBytes must be within 1..65535 (Redshift VARCHAR), got " + maxBytes);
        }
    }

    @Override
    public ReasonCode check(String value) {
        return lengthProblem(value, maxBytes);
    }

    static ReasonCode lengthProblem(String value, int maxBytes) {
        // Fast path: a char is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars).
        if (value.length() * 3 <= maxBytes) {
            return null;
        }
        return utf8Length(value) > maxBytes ? ReasonCode.TOO_LONG : null;
    }

    static int utf8Length(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return reason == ReasonCode.TOO_LONG
                ? column + " is longer than " + maxBytes + " UTF-8 bytes"
                : column + ": " + reason.code();
    }

    @Override
    public String warehouseType() {
        return "VARCHAR(" + maxBytes + ")";
    }
}
