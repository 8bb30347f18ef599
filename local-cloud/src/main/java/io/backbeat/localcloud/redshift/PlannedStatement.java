package io.backbeat.localcloud.redshift;

import java.util.Objects;

/** What the endpoint does with one Sql string: run it in PostgreSQL, load from S3 itself, or nothing. */
sealed interface PlannedStatement {
    /** PostgreSQL text after the {@link RedshiftDialect} rewrites, placeholders still named. */
    record Query(String sql) implements PlannedStatement {
        public Query {
            Objects.requireNonNull(sql, "sql must not be null");
        }
    }

    /** A COPY from S3, which the endpoint reads and streams into PostgreSQL. */
    record S3Load(CopyCommand copy) implements PlannedStatement {
        public S3Load {
            Objects.requireNonNull(copy, "copy must not be null");
        }
    }

    /** A statement that changes nothing a query can see here (VACUUM); it finishes without running. */
    record NoOp(String reason) implements PlannedStatement {
        public NoOp {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }
}
