package io.backbeat.cli.local;

import io.backbeat.cli.report.DatasetQuality;
import io.backbeat.events.Dataset;
import io.backbeat.events.LedgerStatus;
import io.backbeat.events.Stage;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.ledger.LedgerItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows in, valid and rejected per dataset, from the ledger: a file's rows in are what validate read;
 * rejected rows are validate's (bad rows, whole rejected files) plus transform's (repeated keys); valid
 * rows are what transform staged for loading.
 */
final class RunQuality {

    private RunQuality() {}

    static List<DatasetQuality> of(List<LedgerItem> ledger) {
        List<DatasetQuality> quality = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
            long files = 0;
            long filesRejected = 0;
            long rowsIn = 0;
            long rowsValid = 0;
            long rowsRejected = 0;
            Map<String, Long> reasons = new TreeMap<>();
            for (LedgerItem item : ledger) {
                if (datasetOf(item) != dataset) {
                    continue;
                }
                if (item.stage().equals(Stage.VALIDATE.id())) {
                    files++;
                    filesRejected += item.status() == LedgerStatus.REJECTED ? 1 : 0;
                    rowsIn += item.rowsIn();
                    rowsRejected += item.rowsRejected();
                    item.rejectsByReason().forEach((reason, rows) -> reasons.merge(reason, rows, Long::sum));
                    if (item.fileRejection() != null && item.rowsRejected() > 0) {
                        reasons.merge("file_rejected", item.rowsRejected(), Long::sum);
                    }
                } else if (item.stage().equals(Stage.TRANSFORM.id())) {
                    rowsValid += item.rowsValid();
                    rowsRejected += item.rowsRejected();
                    item.rejectsByReason().forEach((reason, rows) -> reasons.merge(reason, rows, Long::sum));
                }
            }
            if (files > 0) {
                quality.add(new DatasetQuality(dataset.id(), files, filesRejected, rowsIn, rowsValid, rowsRejected,
                        mostFirst(reasons)));
            }
        }
        return quality;
    }

    /** The dataset of an object's ledger item, or null (a KPI refresh, a key outside the zones). */
    static Dataset datasetOf(LedgerItem item) {
        if (item.key() == null) {
            return null;
        }
        try {
            return ZoneKey.parse(item.key()).dataset().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Long> mostFirst(Map<String, Long> reasons) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
