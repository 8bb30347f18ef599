package io.backbeat.events.contract;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The single source of truth for one dataset: its columns in canonical order, which of them form the
 * natural key, and which extra input columns are known and dropped without being reported as drift.
 * Validation, transformation, the warehouse DDL and the load SQL all derive from it.
 *
 * <pre>{@code
 * DatasetContract streams = Dataset.STREAMS.contract();
 * int trackColumn = streams.indexOf("track_id").orElseThrow();
 * }</pre>
 *
 * @param name the dataset name, as in S3 keys
 * @param columns the columns in canonical (output) order
 * @param naturalKey names of the columns that identify a row; a repeat within an object is a duplicate
 * @param knownExtraColumns lower-case names of input columns that are expected and silently dropped
 * @param derivedColumns columns transform computes and appends to the staged rows (never uploaded)
 */
public record DatasetContract(
        String name,
        List<Column> columns,
        List<String> naturalKey,
        Set<String> knownExtraColumns,
        List<Column> derivedColumns) {

    public DatasetContract {
        Objects.requireNonNull(name, "name must not be null");
        columns = List.copyOf(columns);
        naturalKey = List.copyOf(naturalKey);
        knownExtraColumns = Set.copyOf(knownExtraColumns);
        derivedColumns = List.copyOf(derivedColumns);
        Set<String> names = columns.stream().map(Column::name).collect(Collectors.toSet());
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("column names of " + name + " must be unique");
        }
        for (String key : naturalKey) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("natural key column " + key + " is not a column of " + name);
            }
        }
    }

    /** Position of a column in canonical order, matched like a header name. */
    public OptionalInt indexOf(String columnName) {
        String wanted = normalizeHeader(columnName);
        return IntStream.range(0, columns.size())
                .filter(i -> columns.get(i).name().equals(wanted))
                .findFirst();
    }

    public Column column(String columnName) {
        return columns.get(indexOf(columnName)
                .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + columnName)));
    }

    /** Positions of the natural key columns in canonical order. */
    public int[] naturalKeyIndexes() {
        return naturalKey.stream().mapToInt(k -> indexOf(k).orElseThrow()).toArray();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns of a staged row, in order: the contract's, then the derived ones. */
    public List<Column> stagedColumns() {
        return java.util.stream.Stream.concat(columns.stream(), derivedColumns.stream()).toList();
    }

    /** How header cells are compared: surrounding blanks removed, lower case. */
    public static String normalizeHeader(String header) {
        return header.strip().toLowerCase(Locale.ROOT);
    }
}
