package io.backbeat.localcloud.redshift;

import java.sql.Connection;
import java.util.Locale;

/**
 * The isolation level of the local warehouse, as Redshift offers it per database: every statement
 * or batch runs in one transaction at the matching PostgreSQL level.
 *
 * <p>Redshift creates Serverless workgroups and provisioned clusters with SNAPSHOT isolation;
 * SERIALIZABLE is a database option
 * (<a href="https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html">Isolation levels in
 * Amazon Redshift</a>). PostgreSQL's REPEATABLE READ is snapshot isolation (write skew is allowed) and
 * its SERIALIZABLE is serializable snapshot isolation, which aborts one transaction of a dangerous
 * cycle, as Redshift does with error 1023.
 *
 * <pre>{@code
 * LocalRedshift.start(s3, WarehouseIsolation.SERIALIZABLE);
 * // or for LocalRedshift.shared() and start(s3): -Dbackbeat.localRedshift.isolation=serializable
 * }</pre>
 */
public enum WarehouseIsolation {
    /** Redshift's default: PostgreSQL REPEATABLE READ. */
    SNAPSHOT(Connection.TRANSACTION_REPEATABLE_READ),
    /** PostgreSQL SERIALIZABLE. */
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    /** The system property {@link #configured()} reads: {@code snapshot} (default) or {@code serializable}. */
    public static final String PROPERTY = "backbeat.localRedshift.isolation";

    private final int jdbcLevel;

    WarehouseIsolation(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /**
     * The level the system property {@value #PROPERTY} names, SNAPSHOT when it is not set.
     *
     * @throws IllegalArgumentException when it names neither level
     */
    public static WarehouseIsolation configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return SNAPSHOT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + " is '" + value
                    + "'; set it to snapshot (Redshift's default) or serializable", e);
        }
    }

    int jdbcLevel() {
        return jdbcLevel;
    }
}
