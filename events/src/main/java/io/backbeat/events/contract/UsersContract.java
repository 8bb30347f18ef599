package io.backbeat.events.contract;

import java.util.List;
import java.util.Set;

/** The users catalogue: one row per listener. */
public final class UsersContract {
    public static final String USER_ID = "user_id";
    public static final String USER_NAME = "user_name";
    public static final String USER_AGE = "user_age";
    public static final String USER_COUNTRY = "user_country";
    public static final String CREATED_AT = "created_at";

    /** User ids are positive 64-bit integers: we never reject a real id for being large. */
    public static final IntegerType USER_ID_TYPE = new IntegerType(1, Long.MAX_VALUE);

    public static final DatasetContract CONTRACT = new DatasetContract(
            "users",
            List.of(
                    Column.required(USER_ID, USER_ID_TYPE),
                    Column.required(USER_NAME, new TextType(256)),
                    Column.optional(USER_AGE, new IntegerType(0, 130)),
                    Column.required(USER_COUNTRY, new TextType(128)),
                    Column.required(CREATED_AT, new DateType())),
            List.of(USER_ID),
            Set.of(),
            List.of());

    private UsersContract() {}
}
