package io.backbeat.functions.validate;

import io.backbeat.events.FileRejectionCode;
import io.backbeat.events.contract.Column;
import io.backbeat.events.contract.DatasetContract;
import io.backbeat.functions.stage.FileRejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an object's header lines up with its contract: columns are matched by name in any order (case
 * and surrounding blanks ignored). Unknown columns are drift, dropped and reported; columns the
 * contract lists as known extras are dropped silently; a missing required column rejects the object.
 */
final class HeaderMapping {
    private final int fieldCount;
    private final int[] sourceIndex;
    private final List<String> driftColumns;
    private final List<String> ignoredColumns;

    private HeaderMapping(int fieldCount, int[] sourceIndex, List<String> driftColumns, List<String> ignoredColumns) {
        this.fieldCount = fieldCount;
        this.sourceIndex = sourceIndex;
        this.driftColumns = driftColumns;
        this.ignoredColumns = ignoredColumns;
    }

    /**
     * Lines the header up with the contract.
     *
     * @throws FileRejectedException when required columns are missing or a contract column repeats
     */
    static HeaderMapping resolve(DatasetContract contract, List<String> header) {
        Map<String, Integer> positions = new HashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = DatasetContract.normalizeHeader(header.get(i));
            if (positions.putIfAbsent(name, i) != null && !name.isEmpty()) {
                repeated.add(header.get(i).strip());
            }
        }
        List<String> missing = new ArrayList<>();
        int[] sourceIndex = new int[contract.columns().size()];
        for (int c = 0; c < sourceIndex.length; c++) {
            Column column = contract.columns().get(c);
            Integer position = positions.get(column.name());
            sourceIndex[c] = position == null ? -1 : position;
            if (position == null && !column.optional()) {
                missing.add(column.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejectedException(FileRejectionCode.MISSING_COLUMNS, "the header lacks required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " of " + contract.name()
                    + "; found " + describe(header) + "; expected " + String.join(",", contract.columnNames()));
        }
        List<String> contractNames = contract.columnNames();
        repeated.removeIf(name -> !contractNames.contains(DatasetContract.normalizeHeader(name)));
        if (!repeated.isEmpty()) {
            throw new FileRejectedException(FileRejectionCode.DUPLICATE_COLUMNS, "the header names column"
                    + (repeated.size() > 1 ? "s " : " ") + String.join(", ", repeated)
                    + " more than once, so it is unclear which to load; keep one of each");
        }
        List<String> drift = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String cell : header) {
            String name = DatasetContract.normalizeHeader(cell);
            if (contractNames.contains(name)) {
                continue;
            }
            (contract.knownExtraColumns().contains(name) ? ignored : drift).add(cell.strip());
        }
        return new HeaderMapping(header.size(), sourceIndex, List.copyOf(drift), List.copyOf(ignored));
    }

    private static String describe(List<String> header) {
        String joined = String.join(",", header);
        return joined.length() > 200 ? joined.substring(0, 200) + "…" : joined;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Position in the input record of contract column {@code column}, or -1 when absent (optional). */
    int sourceIndex(int column) {
        return sourceIndex[column];
    }

    List<String> driftColumns() {
        return driftColumns;
    }

    List<String> ignoredColumns() {
        return ignoredColumns;
    }

    @Override
    public String toString() {
        return "HeaderMapping" + Arrays.toString(sourceIndex);
    }
}
