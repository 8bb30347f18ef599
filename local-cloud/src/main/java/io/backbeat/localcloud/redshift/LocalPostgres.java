package io.backbeat.localcloud.redshift;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.io.FileUtils;
import org.slf4j.LoggerFactory;

/**
 * Embedded PostgreSQL 15 with the database {@value #DATABASE}, made to behave like a Redshift
 * database where the two differ in ways results show: text sorts by code point ({@code C} collation,
 * as Redshift compares bytes of UTF-8) and sessions run in UTC.
 *
 * <p>Database users and privileges start as a new Redshift namespace's do: the admin user
 * {@code admin} is a superuser; every user has CREATE and USAGE on schema {@code public} and TEMP on
 * the database; only a procedure's owner (and superusers) may EXECUTE it until granted. IAM users
 * ({@code IAMR:<role>}) are created on first use, with no privileges, as Redshift creates them at
 * their first sign-in.
 *
 * <p>Each connection is one Redshift session: opened for a statement and closed after it, so temp
 * tables end with it. A session logs in as its database user (never a superuser that switches role,
 * which SQL could switch back). Connections use pgjdbc with {@code stringtype=unspecified}, so a parameter
 * sent as a string takes the type its place in the statement needs, as Redshift converts Data API
 * parameters, and with text transfer, so values come back in PostgreSQL's text forms.
 */
final class LocalPostgres implements AutoCloseable {
    /** Where Redshift functions PostgreSQL lacks are defined (see {@link #installCompatibilityFunctions}). */
    static final String COMPATIBILITY_SCHEMA = "redshift_compat";
    static final String DATABASE = "dev";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String url;
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    static LocalPostgres start() {
        quietLogging();
        EmbeddedPostgres postgres;
        Path dataDirectory;
        try {
            dataDirectory = ClusterTemplate.copy();
        } catch (IOException e) {
            throw new LocalRedshiftException("Embedded PostgreSQL's data directory could not be prepared in java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "), which must be writable", e);
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    // A copy of a data directory initdb made once per JVM (ClusterTemplate): no initdb here.
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // A throwaway database: durability only costs start-up and statement time.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "40")
                    // Local only, for speed; none of it changes a result (docs/local-redshift.md, "Server settings").
                    // The history of a bench fits in memory; no replica, no archive: the least WAL, and no
                    // checkpoint in the middle of a large load. work_mem stays at its default: a load's sort of
                    // two million staged rows ran slower as one large in-memory quicksort than as an external merge.
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "30min")
                    .start();
        } catch (IOException | RuntimeException e) {
            FileUtils.deleteQuietly(dataDirectory.toFile());
            throw new LocalRedshiftException("Embedded PostgreSQL did not start; it unpacks its binaries into"
                    + " java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + "), which must be writable and allow"
                    + " executables", e);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE
                    + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        } catch (SQLException e) {
            close(postgres, e);
            FileUtils.deleteQuietly(dataDirectory.toFile());
            throw new LocalRedshiftException("Embedded PostgreSQL started but could not create the database "
                    + DATABASE, e);
        }
        LocalPostgres local = new LocalPostgres(postgres, dataDirectory);
        local.installCompatibilityFunctions();
        local.setUpRedshiftDefaults();
        return local;
    }

    /**
     * Privileges as a new Redshift database has them
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_Privileges.html: "By default, all users have CREATE
     * and USAGE permissions on the PUBLIC schema"; PostgreSQL 15 no longer grants CREATE there), and
     * procedures that only their owner may call until EXECUTE is granted
     * (https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-security-and-privileges.html: "By
     * default, EXECUTE privilege for new procedures is granted to the procedure owner and superusers";
     * PostgreSQL grants it to PUBLIC). Functions keep PostgreSQL's EXECUTE for PUBLIC, as Redshift UDFs do.
     */
    private void setUpRedshiftDefaults() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + DatabaseUser.ADMIN.sql() + " LOGIN SUPERUSER");
            statement.execute("GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC");
            statement.execute("GRANT USAGE ON SCHEMA " + COMPATIBILITY_SCHEMA + " TO PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO PUBLIC");
            // A new procedure has no ACL (NULL, meaning PostgreSQL's default with EXECUTE for PUBLIC): give it
            // one without PUBLIC. A replaced procedure keeps the grants it was given.
            statement.execute("CREATE FUNCTION " + COMPATIBILITY_SCHEMA + ".owner_only_procedures() RETURNS event_trigger"
                    + " LANGUAGE plpgsql AS $$ DECLARE command record; BEGIN"
                    + " FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands()"
                    + " WHERE object_type = 'procedure' LOOP"
                    + " IF (SELECT proacl IS NULL FROM pg_proc WHERE oid = command.objid) THEN"
                    + " EXECUTE format('REVOKE EXECUTE ON PROCEDURE %s FROM PUBLIC', command.objid::regprocedure);"
                    + " END IF; END LOOP; END $$");
            statement.execute("CREATE EVENT TRIGGER redshift_owner_only_procedures ON ddl_command_end"
                    + " WHEN TAG IN ('CREATE PROCEDURE') EXECUTE FUNCTION " + COMPATIBILITY_SCHEMA + ".owner_only_procedures()");
            // Redshift analyzes a table that CREATE TABLE AS or SELECT INTO creates, in a stored procedure too
            // (https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html): so does this trigger, as the
            // session's user, who owns the new table. Statement-level rules never see inside a procedure body.
            statement.execute("CREATE FUNCTION " + COMPATIBILITY_SCHEMA + ".analyze_created_tables() RETURNS event_trigger"
                    + " LANGUAGE plpgsql AS $$ DECLARE command record; BEGIN"
                    + " FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' LOOP"
                    + " EXECUTE format('ANALYZE %s', command.objid::regclass);"
                    + " END LOOP; END $$");
            statement.execute("CREATE EVENT TRIGGER redshift_analyze_created_tables ON ddl_command_end"
                    + " WHEN TAG IN ('CREATE TABLE AS', 'SELECT INTO') EXECUTE FUNCTION " + COMPATIBILITY_SCHEMA
                    + ".analyze_created_tables()");
        } catch (SQLException e) {
            throw new LocalRedshiftException("could not give the local database Redshift's default users and privileges", e);
        }
    }

    /**
     * Redshift functions PostgreSQL lacks, as functions in a schema of their own on every session's
     * search path: unlike the rewrites, they also work inside stored-procedure bodies, which are
     * dollar-quoted text the rewrites never touch.
     */
    private void installCompatibilityFunctions() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + COMPATIBILITY_SCHEMA);
            // GETDATE(): the start of the current statement, a TIMESTAMP to the second, in UTC.
            statement.execute("CREATE OR REPLACE FUNCTION " + COMPATIBILITY_SCHEMA + ".getdate() RETURNS timestamp"
                    + " LANGUAGE sql STABLE AS $$ SELECT date_trunc('second', statement_timestamp() AT TIME ZONE 'UTC') $$");
        } catch (SQLException e) {
            throw new LocalRedshiftException("could not install the Redshift compatibility functions", e);
        }
    }

    /**
     * A connection to {@code database} as {@code user} for one statement, in a transaction at
     * {@code isolation} that the caller commits. Nothing runs in the transaction before the caller's
     * first statement, so a {@code LOCK} first still comes before the snapshot.
     *
     * @throws StatementFailure when {@code database} is not {@value #DATABASE}, the only one here
     */
    Connection openSession(String database, DatabaseUser user, WarehouseIsolation isolation)
            throws SQLException, StatementFailure {
        if (!DATABASE.equals(database)) {
            throw new StatementFailure("ERROR: database \"" + database + "\" does not exist");
        }
        ensureExists(user);
        Connection connection = connect(user.name());
        try {
            connection.setTransactionIsolation(isolation.jdbcLevel());
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Creates an IAM user at its first sign-in, with no privileges beyond PUBLIC's. */
    private void ensureExists(DatabaseUser user) throws SQLException {
        if (user.admin() || knownUsers.contains(user.name())) {
            return;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN CREATE ROLE " + user.sql() + " LOGIN;"
                    + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
        knownUsers.add(user.name());
    }

    /** A connection to {@value #DATABASE} in auto-commit mode, in UTC, as the {@code postgres} superuser. */
    Connection connect() throws SQLException {
        return connect(USER);
    }

    private Connection connect(String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("stringtype", "unspecified");
        properties.setProperty("binaryTransfer", "false");
        properties.setProperty("ApplicationName", "backbeat-local-redshift");
        Connection connection = DriverManager.getConnection(url, properties);
        try (Statement statement = connection.createStatement()) {
            // pgjdbc sends the JVM's time zone at start-up, overriding the server's setting.
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET search_path TO \"$user\", public, " + COMPATIBILITY_SCHEMA);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new LocalRedshiftException("Embedded PostgreSQL on port " + postgres.getPort() + " did not stop", e);
        } finally {
            FileUtils.deleteQuietly(dataDirectory.toFile());
        }
    }

    private static void close(EmbeddedPostgres postgres, Exception failure) {
        try {
            postgres.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Embedded PostgreSQL logs every line initdb and the server print at INFO. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger logger = context.getLogger("io.zonky.test");
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
