package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;
import java.util.Locale;

/**
 * Free text up to {@code maxBytes} UTF-8 bytes, the length of its Redshift {@code VARCHAR} (which counts
 * bytes, not characters: https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html): a longer
 * value would make {@code COPY} fail, so it is rejected here.
 *
 * <p>A {@code lowerCased} column is staged lower-cased ({@link #normalize}), and the length checked is that
 * of the staged value: lower-casing can grow a value ({@code Ⱥ} is 2 bytes, {@code ⱥ} 3), so a value that
 * fits as uploaded may not fit once normalized.
 *
 * @param maxBytes the column's length in UTF-8 bytes
 * @param lowerCased whether the staged value is the uploaded one lower-cased
 */
public record TextType(int maxBytes, boolean lowerCased) implements ColumnType {

    public TextType {
        if (maxBytes < 1 || maxBytes > 65535) {
            throw new IllegalArgumentException("maxBytes must be within 1..65535 (Redshift VARCHAR), got " + maxBytes);
        }
    }

    /** Text kept as uploaded (surrounding blanks aside). */
    public TextType(int maxBytes) {
        this(maxBytes, false);
    }

    /** Text staged lower-cased, such as a genre ("{@code  Hip Hop }" and "{@code hip hop}" are one genre). */
    public static TextType lowerCased(int maxBytes) {
        return new TextType(maxBytes, true);
    }

    /** The staged form of a checked value: stripped of surrounding blanks, and lower-cased if the column is. */
    public String normalize(String value) {
        String stripped = value.strip();
        return lowerCased ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }

    @Override
    public ReasonCode check(String value) {
        return lengthProblem(normalize(value), maxBytes);
    }

    static ReasonCode lengthProblem(String value, int maxBytes) {
        // Fast path: a char is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars).
        if (value.length() * 3 <= maxBytes) {
            return null;
        }
        return utf8Length(value) > maxBytes ? ReasonCode.TOO_LONG : null;
    }

    /** The length of {@code value} in UTF-8 bytes, as Redshift counts a VARCHAR's. */
    public static int utf8Length(String value) {
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
                ? column + " is longer than " + maxBytes + " UTF-8 bytes" + (lowerCased ? " once lower-cased" : "")
                : column + ": " + reason.code();
    }

    @Override
    public String warehouseType() {
        return "VARCHAR(" + maxBytes + ")";
    }
}
