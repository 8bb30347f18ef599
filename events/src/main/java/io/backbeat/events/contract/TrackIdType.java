package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;

/**
 * A Spotify id (of a track, an artist, an album): exactly 22 characters from {@code [0-9A-Za-z]}.
 *
 * @param reason what a value that is not one is rejected as: {@code bad_track_id} in the plays and songs (the code
 *     they have always used), {@code bad_id} in the catalogue
 */
public record TrackIdType(ReasonCode reason) implements ColumnType {

    /** A track id of the plays or the songs: rejected as {@code bad_track_id}. */
    public TrackIdType() {
        this(ReasonCode.BAD_TRACK_ID);
    }

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
            return reason;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !BASE62[c]) {
                return reason;
            }
        }
        return null;
    }

    /** {@link #check} on {@code chars[offset, offset + length)}: true when it would accept them. */
    public static boolean isTrackId(char[] chars, int offset, int length) {
        if (length != LENGTH) {
            return false;
        }
        for (int i = offset; i < offset + LENGTH; i++) {
            char c = chars[i];
            if (c >= 128 || !BASE62[c]) {
                return false;
            }
        }
        return true;
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
