package io.backbeat.functions.transform;

import io.backbeat.events.Dataset;
import io.backbeat.events.contract.ListenTime;
import io.backbeat.functions.csv.ValidatedRowReader;

/**
 * The columns transform adds after a row's contract columns ({@code DatasetContract.derivedColumns()}), computed from
 * the normalized values validate wrote: for plays {@code listen_date} and {@code listen_hour}, for app events
 * {@code event_time} (milliseconds kept), {@code event_date} and {@code event_hour}, all UTC.
 */
sealed interface DerivedColumns {

    /** Appends the derived fields of the reader's current row to {@code record}. */
    void append(ValidatedRowReader row, StagedRecord record);

    static DerivedColumns of(Dataset dataset) {
        return switch (dataset) {
            case STREAMS -> new Streams();
            case EVENTS -> new Events();
            case USERS, SONGS, CATALOG -> new None();
        };
    }

    record None() implements DerivedColumns {
        @Override
        public void append(ValidatedRowReader row, StagedRecord record) {}
    }

    /**
     * From the listen time validate wrote as {@code YYYY-MM-DD HH:MM:SS}: its first ten bytes are the date and the two
     * after the space the hour, so no time is parsed here.
     */
    record Streams() implements DerivedColumns {
        private static final int LISTEN_TIME = 2;

        @Override
        public void append(ValidatedRowReader row, StagedRecord record) {
            byte[] bytes = row.bytes();
            int start = row.start(LISTEN_TIME);
            if (row.length(LISTEN_TIME) != 19) {
                throw new IllegalStateException("listen time of line " + row.line() + " is not YYYY-MM-DD HH:MM:SS: '"
                        + row.text(LISTEN_TIME) + "'; validate writes it so");
            }
            record.fieldAsIs(bytes, start, 10); // a date of digits and dashes: nothing to quote
            record.field((bytes[start + 11] - '0') * 10 + bytes[start + 12] - '0');
        }
    }

    /** From {@code ts}, milliseconds since the epoch. */
    record Events() implements DerivedColumns {
        private static final int TS = 0;

        @Override
        public void append(ValidatedRowReader row, StagedRecord record) {
            long epochMilli = Long.parseLong(row.text(TS));
            long epochSecond = Math.floorDiv(epochMilli, 1000);
            String seconds = ListenTime.format(epochSecond);
            int millis = (int) Math.floorMod(epochMilli, 1000);
            record.field(seconds + "." + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                    + (char) ('0' + millis % 10));
            record.field(seconds.substring(0, 10));
            record.field(ListenTime.hourOf(epochSecond));
        }
    }
}
