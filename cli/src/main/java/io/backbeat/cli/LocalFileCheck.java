package io.backbeat.cli;

import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import io.backbeat.events.Zone;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.stage.StageResult;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.transform.TransformConfig;
import io.backbeat.functions.transform.TransformStage;
import io.backbeat.functions.validate.ValidateStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs validate then transform on a local file, with the outputs in a directory laid out like the
 * landing bucket. The file is read where it is, as if uploaded to {@code raw/{dataset}/{file name}}.
 */
public final class LocalFileCheck {
    private final DirectoryObjectStore store;
    private final ValidateStage validate = new ValidateStage();
    private final TransformStage transform;

    public LocalFileCheck(Path out) throws IOException {
        Files.createDirectories(out);
        this.store = new DirectoryObjectStore(out);
        Path spill = Files.createDirectories(out.resolve(".spill"));
        this.transform = TransformStage.withMemory(TransformConfig.defaultDedupeMemory(Runtime.getRuntime().maxMemory()), spill);
    }

    /** Validate alone, as the validate function would run on the file once uploaded (outputs under {@code out}). */
    public StageResult validate(Dataset dataset, Path file) throws IOException {
        ZoneKey raw = new ZoneKey(Zone.RAW, dataset.id(), file.getFileName().toString());
        return validate.process(raw, ObjectVersion.ANY, new LocalInputStore(store, raw.key(), file));
    }

    Outcome run(Dataset dataset, Path file) throws IOException {
        ZoneKey raw = new ZoneKey(Zone.RAW, dataset.id(), file.getFileName().toString());
        LocalInputStore input = new LocalInputStore(store, raw.key(), file);
        StageResult validated = validate.process(raw, ObjectVersion.ANY, input);
        StageResult transformed = null;
        if (validated.rowsValid() > 0) {
            transformed = transform.process(raw.validated(), ObjectVersion.ANY, store);
        }
        return new Outcome(file, validated, transformed);
    }

    /** Both stages' results for one file, summed up the way a person checks a file. */
    record Outcome(Path file, StageResult validated, StageResult transformed) {

        long rowsValid() {
            return transformed == null ? 0 : transformed.rowsValid();
        }

        long rowsRejected() {
            return validated.rowsRejected() + (transformed == null ? 0 : transformed.rowsRejected());
        }

        int exitCode() {
            if (validated.rejectedAsWhole()) {
                return 2;
            }
            return rowsRejected() > 0 ? 1 : 0;
        }

        Map<String, Object> toJson() {
            Map<ReasonCode, Long> reasons = new EnumMap<>(ReasonCode.class);
            reasons.putAll(validated.rejectsByReason());
            if (transformed != null) {
                transformed.rejectsByReason().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
            }
            Map<String, Long> byCode = new TreeMap<>();
            reasons.forEach((reason, count) -> byCode.put(reason.code(), count));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("dataset", validated.dataset().id());
            json.put("rows_in", validated.rowsIn());
            json.put("rows_valid", rowsValid());
            json.put("rows_rejected", rowsRejected());
            json.put("rejects_by_reason", byCode);
            if (validated.fileRejection() != null) {
                json.put("file_rejection", Map.of(
                        "code", validated.fileRejection().code().code(), "message", validated.fileRejection().message()));
            }
            if (!validated.driftColumns().isEmpty()) {
                json.put("drift_columns", validated.driftColumns());
            }
            json.put("outputs", Stream.concat(validated.outputs().stream(),
                            transformed == null ? Stream.empty() : transformed.outputs().stream())
                    .distinct()
                    .toList());
            return json;
        }
    }
}
