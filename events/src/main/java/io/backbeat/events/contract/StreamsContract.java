package io.backbeat.events.contract;

import java.util.List;
import java.util.Set;

/** Listening logs: one row per play. An exact repeat of the natural key is the same play. */
public final class StreamsContract {
    public static final String USER_ID = "user_id";
    public static final String TRACK_ID = "track_id";
    public static final String LISTEN_TIME = "listen_time";
    /** Derived by transform from {@link #LISTEN_TIME}: {@code YYYY-MM-DD} (UTC). */
    public static final String LISTEN_DATE = "listen_date";
    /** Derived by transform from {@link #LISTEN_TIME}: hour of day 0..23 (UTC). */
    public static final String LISTEN_HOUR = "listen_hour";

    public static final DatasetContract CONTRACT = new DatasetContract(
            "streams",
            List.of(
                    Column.required(USER_ID, UsersContract.USER_ID_TYPE),
                    Column.required(TRACK_ID, new TrackIdType()),
                    Column.required(LISTEN_TIME, new TimestampType())),
            List.of(USER_ID, TRACK_ID, LISTEN_TIME),
            Set.of(),
            List.of(Column.required(LISTEN_DATE, new DateType()), Column.required(LISTEN_HOUR, new IntegerType(0, 23))));

    private StreamsContract() {}
}
