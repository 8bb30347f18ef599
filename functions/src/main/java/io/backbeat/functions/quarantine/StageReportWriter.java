package io.backbeat.functions.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the JSON summary a person reads first when an object had trouble. */
public final class StageReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StageReportWriter() {}

    public static void write(ObjectStore store, String key, StageResult result, List<RejectedRow> samples)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(toJson(result, samples)); // small; never publish half a report
        try (ObjectOutput output = store.create(key, "application/json")) {
            output.write(json);
        }
    }

    static Map<String, Object> toJson(StageResult result, List<RejectedRow> samples) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", result.stage().id());
        json.put("dataset", result.dataset().id());
        json.put("source", result.source());
        json.put("rows_in", result.rowsIn());
        json.put("rows_valid", result.rowsValid());
        json.put("rows_rejected", result.rowsRejected());
        Map<String, Long> reasons = new TreeMap<>();
        result.rejectsByReason().forEach((reason, count) -> reasons.put(reason.code(), count));
        json.put("rejects_by_reason", reasons);
        if (result.fileRejection() != null) {
            json.put("file_rejection", Map.of(
                    "code", result.fileRejection().code().code(), "message", result.fileRejection().message()));
        }
        json.put("drift_columns", result.driftColumns());
        json.put("ignored_columns", result.ignoredColumns());
        json.put("outputs", result.outputs());
        json.put("sample_rejects", samples.stream().map(StageReportWriter::sample).toList());
        return json;
    }

    private static Map<String, Object> sample(RejectedRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", row.line());
        json.put("column", row.column());
        json.put("reason", row.reason().code());
        json.put("message", row.message());
        json.put("raw", row.raw());
        return json;
    }
}
