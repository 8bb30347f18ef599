package io.backbeat.events;

import java.time.LocalDate;

/**
 * Key schema of the DynamoDB serving table (single-table design): one partition per KPI table and
 * date, one item per KPI row, so a dashboard reads a day's KPI in one query.
 *
 * <pre>{@code
 * pk = "kpi_hourly#2024-06-25", sk = "07"           // the hour, zero-padded so items sort
 * pk = "kpi_genre_daily#2024-06-25", sk = "hip hop"
 * pk = "kpi_top_tracks_daily#2024-06-25", sk = "01"  // the rank
 * pk = "kpi_sessions_daily#2024-06-25", sk = "day"    // one row a day, as kpi_daily_engagement
 * pk = "kpi_demographics_daily#2024-06-25", sk = "Brazil#25-34"   // country#age band
 * }</pre>
 */
public final class ServingSchema {
    /** Partition key (S): {@code <kpi table>#<YYYY-MM-DD>}. */
    public static final String PARTITION_KEY = "pk";
    /** Sort key (S): the row's key within the day. */
    public static final String SORT_KEY = "sk";
    /** Which refresh wrote the item. */
    public static final String REFRESH_ID = "refresh_id";

    private ServingSchema() {}

    public static String partitionKey(String kpiTable, LocalDate date) {
        return kpiTable + "#" + date;
    }
}
