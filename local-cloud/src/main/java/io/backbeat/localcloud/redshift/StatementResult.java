package io.backbeat.localcloud.redshift;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGResultSetMetaData;

/**
 * The rows of a finished query, kept for GetStatementResult as Redshift keeps them. Each value is
 * what the Data API's {@code Field} union carries: null ({@code isNull}), {@link Long}
 * ({@code longValue}: smallint, integer, bigint), {@link Double} ({@code doubleValue}: real, double
 * precision), {@link Boolean} ({@code booleanValue}) or {@link String} ({@code stringValue}:
 * everything else, in PostgreSQL's text form, which for dates, timestamps and decimals is Redshift's
 * too, as sessions run in UTC with ISO dates).
 *
 * @param rows each row a list that may hold nulls
 * @param size the bytes of the values, an estimate of Redshift's ResultSize
 */
record StatementResult(List<Column> columns, List<List<Object>> rows, long size) {
    StatementResult {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(rows);
    }

    /** ColumnMetadata as the Data API names it; {@code nullable} is JDBC's 0 no, 1 yes, 2 unknown. */
    record Column(String name, String label, String typeName, int nullable, int precision, int scale,
            boolean signed, boolean caseSensitive, boolean currency, String schemaName, String tableName, int length) {
        Column {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(typeName, "typeName must not be null");
        }
    }

    private enum Kind { LONG, DOUBLE, BOOLEAN, STRING }

    static StatementResult read(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int count = metaData.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        Kind[] kinds = new Kind[count];
        for (int i = 1; i <= count; i++) {
            columns.add(column(metaData, i));
            kinds[i - 1] = kind(columns.getLast().typeName());
        }
        List<List<Object>> rows = new ArrayList<>();
        long size = 0;
        while (resultSet.next()) {
            Object[] row = new Object[count];
            for (int i = 0; i < count; i++) {
                row[i] = value(resultSet, i + 1, kinds[i]);
                size += size(row[i]);
            }
            rows.add(Arrays.asList(row));
        }
        return new StatementResult(columns, rows, size);
    }

    private static Column column(ResultSetMetaData metaData, int i) throws SQLException {
        PGResultSetMetaData pg = metaData.unwrap(PGResultSetMetaData.class);
        return new Column(metaData.getColumnLabel(i), metaData.getColumnLabel(i),
                redshiftTypeName(metaData.getColumnTypeName(i)), metaData.isNullable(i), metaData.getPrecision(i),
                metaData.getScale(i), metaData.isSigned(i), metaData.isCaseSensitive(i), metaData.isCurrency(i),
                pg.getBaseSchemaName(i), pg.getBaseTableName(i), metaData.getColumnDisplaySize(i));
    }

    /**
     * Redshift has no unbounded text type (TEXT columns are VARCHAR(256)), and pgjdbc names identity
     * and serial columns by their pseudo-types, where Redshift names the integer type.
     */
    private static String redshiftTypeName(String postgresTypeName) {
        return switch (postgresTypeName) {
            case "text" -> "varchar";
            case "smallserial" -> "int2";
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            default -> postgresTypeName;
        };
    }

    private static Kind kind(String typeName) {
        return switch (typeName) {
            case "int2", "int4", "int8", "oid" -> Kind.LONG;
            case "float4", "float8" -> Kind.DOUBLE;
            case "bool" -> Kind.BOOLEAN;
            default -> Kind.STRING;
        };
    }

    private static Object value(ResultSet resultSet, int column, Kind kind) throws SQLException {
        Object value = switch (kind) {
            case LONG -> resultSet.getLong(column);
            case DOUBLE -> resultSet.getDouble(column);
            case BOOLEAN -> resultSet.getBoolean(column);
            case STRING -> resultSet.getString(column);
        };
        return resultSet.wasNull() ? null : value;
    }

    private static long size(Object value) {
        if (value == null) {
            return 0;
        }
        return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8).length : 8;
    }
}
