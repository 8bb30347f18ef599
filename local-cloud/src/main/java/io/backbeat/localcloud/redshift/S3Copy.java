package io.backbeat.localcloud.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs a {@link CopyCommand}: finds the objects (every key under the prefix, as Redshift does, or
 * the manifest's entries), decompresses each in Java, and streams it through {@link CsvNullFields}
 * into {@code COPY ... FROM STDIN} on the statement's own connection, so the load commits or rolls
 * back with the statement's transaction.
 *
 * <p>A failure names the table, the object and, for a bad row, the line in the object, in the form
 * {@code ERROR: Load into table 't' failed: <what> (s3://bucket/key, line N)}. A value that does not
 * fit its CHAR or VARCHAR column in bytes fails as Redshift's COPY does, with the load error Redshift
 * would record: {@code ERROR: Load into table 't' failed. Check 'sys_load_error_detail' system table
 * for details. Load error 1204: String length exceeds DDL length (column c, character varying(n);
 * s3://bucket/key, line N)} (1220 for a multibyte character in CHAR).
 */
final class S3Copy {
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 16;

    private final Supplier<S3Client> s3;

    /** @param s3 the client to read objects with, asked for at each COPY: the S3 endpoint may start after this */
    S3Copy(Supplier<S3Client> s3) {
        this.s3 = Objects.requireNonNull(s3, "s3 must not be null");
    }

    /**
     * @param cancelled polled between chunks; when it turns true the load stops with a failure
     * @return rows loaded
     */
    long load(CopyCommand copy, Connection connection, BooleanSupplier cancelled) throws StatementFailure, SQLException {
        boolean[] textColumns = textColumns(copy, connection);
        List<CopyCommand.S3Location> objects = copy.manifest() ? manifestEntries(copy) : objectsUnder(copy);
        long rows = 0;
        for (CopyCommand.S3Location object : objects) {
            rows += loadObject(copy, object, textColumns, connection, cancelled);
        }
        return rows;
    }

    private long loadObject(CopyCommand copy, CopyCommand.S3Location object, boolean[] textColumns,
            Connection connection, BooleanSupplier cancelled) throws StatementFailure, SQLException {
        InputStream in = open(copy, object);
        PGCopyOutputStream target;
        try {
            target = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql(copy), CHUNK);
        } catch (SQLException e) {
            closeQuietly(in, e);
            throw e;
        }
        CsvNullFields csv = new CsvNullFields(target, textColumns, copy.emptyAsNull(), copy.blanksAsNull(),
                copy.nullString(), copy.ignoreHeader());
        try (in) {
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    throw new StatementFailure("ERROR: Query cancelled.");
                }
                csv.write(chunk, 0, read);
            }
            csv.finish();
            return target.endCopy();
        } catch (SdkException e) {
            throw failed(copy, "cannot read " + object + ": " + e.getMessage(), e, target);
        } catch (IOException | SQLException e) {
            PSQLException rejected = postgresError(e);
            if (rejected == null) {
                throw failed(copy, "cannot read " + object + compressionNote(copy) + ": " + e.getMessage(), e, target);
            }
            String loadError = RedshiftErrors.loadError(rejected);
            if (loadError != null) {
                StatementFailure failure = new StatementFailure("ERROR: Load into table '" + copy.table() + "' failed."
                        + " Check 'sys_load_error_detail' system table for details. Load error " + loadError.replaceFirst(" ", ": ")
                        + " (" + position(rejected, object, csv.skippedLines()) + ")", e);
                cancel(target, failure);
                throw failure;
            }
            throw failed(copy, describe(rejected, object, csv.skippedLines()), e, target);
        } catch (StatementFailure e) {
            cancel(target, e);
            throw e;
        }
    }

    /** The object's bytes, decompressed, opened before the COPY starts so a missing object leaves no COPY to end. */
    private InputStream open(CopyCommand copy, CopyCommand.S3Location object) throws StatementFailure {
        InputStream raw;
        try {
            raw = s3.get().getObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (NoSuchKeyException e) {
            throw failed(copy, "the object does not exist (" + object + ")", e, null);
        } catch (SdkException e) {
            throw failed(copy, "cannot read " + object + ": " + e.getMessage(), e, null);
        }
        try {
            return switch (copy.compression()) {
                case NONE -> raw;
                case GZIP -> new GZIPInputStream(raw, CHUNK);
                case ZSTD -> new ZstdInputStream(raw);
            };
        } catch (IOException e) {
            StatementFailure failure = failed(copy, "cannot read " + object + compressionNote(copy) + ": "
                    + e.getMessage(), e, null);
            closeQuietly(raw, failure);
            throw failure;
        }
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String copySql(CopyCommand copy) {
        String columns = copy.columns().isEmpty() ? ""
                : copy.columns().stream().map(CopyCommand.Column::sql).collect(Collectors.joining(", ", " (", ")"));
        return "COPY " + copy.table() + columns + " FROM STDIN WITH (FORMAT csv, NULL '')";
    }

    private static String compressionNote(CopyCommand copy) {
        return copy.compression() == CopyCommand.Compression.NONE ? "" : " as " + copy.compression();
    }

    /** For each field position of the loaded rows, whether its column is of a text type (category S). */
    private static boolean[] textColumns(CopyCommand copy, Connection connection) throws SQLException {
        Map<String, Boolean> textByName = new HashMap<>();
        List<String> tableOrder = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.attname, t.typcategory = 'S'"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            query.setString(1, copy.table());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    textByName.put(rows.getString(1), rows.getBoolean(2));
                    tableOrder.add(rows.getString(1));
                }
            }
        }
        List<String> names = copy.columns().isEmpty() ? tableOrder
                : copy.columns().stream().map(CopyCommand.Column::name).toList();
        boolean[] text = new boolean[names.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = textByName.getOrDefault(names.get(i), false);
        }
        return text;
    }

    private List<CopyCommand.S3Location> objectsUnder(CopyCommand copy) throws StatementFailure {
        CopyCommand.S3Location prefix = copy.source();
        List<CopyCommand.S3Location> objects;
        try {
            objects = s3.get().listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())).contents().stream()
                    .map(S3Object::key)
                    .filter(key -> !key.endsWith("/"))
                    .map(key -> new CopyCommand.S3Location(prefix.bucket(), key))
                    .toList();
        } catch (SdkException e) {
            throw failed(copy, "cannot list " + prefix + ": " + e.getMessage(), e, null);
        }
        if (objects.isEmpty()) {
            throw failed(copy, "The specified S3 prefix '" + prefix.key() + "' does not exist (" + prefix + ")", null,
                    null);
        }
        return objects;
    }

    /**
     * The entries of a manifest {@code {"entries": [{"url": "s3://bucket/key", "mandatory": true}]}}; a
     * missing mandatory object fails the load, a missing optional one is left out.
     */
    private List<CopyCommand.S3Location> manifestEntries(CopyCommand copy) throws StatementFailure {
        CopyCommand.S3Location manifest = copy.source();
        JsonNode entries;
        try {
            byte[] body = s3.get().getObjectAsBytes(b -> b.bucket(manifest.bucket()).key(manifest.key())).asByteArray();
            entries = JSON.readTree(body).path("entries");
        } catch (NoSuchKeyException e) {
            throw failed(copy, "the manifest does not exist (" + manifest + ")", e, null);
        } catch (SdkException | IOException e) {
            throw failed(copy, "cannot read the manifest " + manifest + ": " + e.getMessage(), e, null);
        }
        if (!entries.isArray()) {
            throw failed(copy, "the manifest " + manifest + " has no \"entries\" list", null, null);
        }
        List<CopyCommand.S3Location> objects = new ArrayList<>();
        for (JsonNode entry : entries) {
            String url = entry.path("url").asText("");
            CopyCommand.S3Location object = CopyCommand.S3Location.parse(url);
            if (object == null) {
                throw failed(copy, "the manifest " + manifest + " has an entry whose url is not s3://bucket/key: '"
                        + url + "'", null, null);
            }
            if (exists(copy, object)) {
                objects.add(object);
            } else if (entry.path("mandatory").asBoolean(false)) {
                throw failed(copy, "the mandatory object " + object + " of the manifest " + manifest
                        + " does not exist", null, null);
            }
        }
        return objects;
    }

    private boolean exists(CopyCommand copy, CopyCommand.S3Location object) throws StatementFailure {
        try {
            s3.get().headObject(b -> b.bucket(object.bucket()).key(object.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failed(copy, "cannot read " + object + ": " + e.getMessage(), e, null);
        } catch (SdkException e) {
            throw failed(copy, "cannot read " + object + ": " + e.getMessage(), e, null);
        }
    }

    private static PSQLException postgresError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql;
            }
        }
        return null;
    }

    /** PostgreSQL's message with the line counted in the object, header lines included. */
    private static String describe(PSQLException rejected, CopyCommand.S3Location object, long skippedLines) {
        return rejected.getServerErrorMessage().getMessage() + " (" + position(rejected, object, skippedLines) + ")";
    }

    /** The object and, when PostgreSQL names one, the line in it, header lines included. */
    private static String position(PSQLException rejected, CopyCommand.S3Location object, long skippedLines) {
        ServerErrorMessage server = rejected.getServerErrorMessage();
        String where = server.getWhere() == null ? "" : server.getWhere();
        Matcher line = LINE.matcher(where);
        return object + (line.find() ? ", line " + (Long.parseLong(line.group(1)) + skippedLines) : "");
    }

    private static StatementFailure failed(CopyCommand copy, String what, Exception cause, PGCopyOutputStream target) {
        StatementFailure failure =
                new StatementFailure("ERROR: Load into table '" + copy.table() + "' failed: " + what, cause);
        if (target != null) {
            cancel(target, failure);
        }
        return failure;
    }

    /** Ends an unfinished COPY so the connection can roll back; a COPY the server already ended throws here. */
    private static void cancel(PGCopyOutputStream target, Exception failure) {
        if (!target.isActive()) {
            return;
        }
        try {
            target.cancelCopy();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
