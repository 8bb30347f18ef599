package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/** A Spotify track id: exactly 22 characters from {@code [0-9A-Za-z]}. */
public record TrackIdType() implements ColumnType {
    public static final int LENGTH = 22;
    private static final boolean[] BASE62 = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            BASE62[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE62[c] = true;
            BASE62[c + ('a' - 'A')] = true;
        }
    }

    @Override
    public ReasonCode check(String value) {
        if (value.length() != LENGTH) {
            return ReasonCode.BAD_TRACK_ID;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !BASE62[c]) {
                return ReasonCode.BAD_TRACK_ID;
            }
        }
        return null;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return column + " must be exactly 22 characters from 0-9, A-Z and a-z";
    }

    @Override
    public String warehouseType() {
        return "CHAR(22)";
    }
}
