package io.backbeat.generator;

import io.backbeat.events.Dataset;
import java.util.Objects;

/**
 * One file the generator wrote.
 *
 * @param path the file name, relative to the output directory ({@code streams-02.csv.gz})
 * @param dataset what the file holds
 * @param rows data rows written (CSV records after the header, a quoted line break not starting a row; for
 *     events, the lines that are not blank)
 * @param expected what validation and transform must make of it
 */
public record GeneratedFile(String path, Dataset dataset, long rows, ExpectedOutcome expected) {

    public GeneratedFile {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(dataset, "dataset must not be null");
        Objects.requireNonNull(expected, "expected must not be null");
        if (rows != expected.validRows() + expected.totalRejected()) {
            throw new IllegalArgumentException("rows " + rows + " of " + path + " must equal valid rows "
                    + expected.validRows() + " plus rejected rows " + expected.totalRejected());
        }
    }
}
