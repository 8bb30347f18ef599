package io.backbeat.functions.csv;

import io.backbeat.events.contract.DatasetContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the {@code validated/} zone, written by validate and read by transform: a header, then
 * per valid row its line number in the raw object followed by the contract's columns in canonical
 * order, values exactly as uploaded. Carrying the raw line lets transform report a duplicate by the line
 * a person would look up.
 */
public final class ValidatedCsv {
    public static final String SOURCE_LINE = "source_line";

    private ValidatedCsv() {}

    public static List<String> header(DatasetContract contract) {
        List<String> header = new ArrayList<>();
        header.add(SOURCE_LINE);
        header.addAll(contract.columnNames());
        return header;
    }
}
