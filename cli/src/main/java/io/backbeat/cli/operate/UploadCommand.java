package io.backbeat.cli.operate;

import io.backbeat.cli.DatasetConverter;
import io.backbeat.cli.LocalFileCheck;
import io.backbeat.events.Dataset;
import io.backbeat.events.ZoneKey;
import io.backbeat.functions.stage.StageResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * {@code backbeat upload}: files into the stack's {@code raw/{dataset}/} as the pipeline expects them,
 * after the same validation the validate function will run, so a file it would reject as a whole is
 * caught before it travels.
 */
@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        description = {
            "Uploads files to raw/DATASET/ in the stack's landing bucket (multipart for large files, with progress on a"
                    + " terminal); the bucket's notifications start the pipeline.",
            "Each file is validated here first, exactly as the validate function will: a file it would reject as a whole"
                    + " (no header, a missing column, corrupt gzip, not text, no rows) is refused unless --force; rows it"
                    + " would reject are counted and the file is uploaded (they will be quarantined).",
            "Exit code 0 when every file was uploaded, 2 when a file was refused, 64 for bad options."
        },
        footer = {
            "",
            "Examples:",
            "  backbeat upload --dataset streams plays-2024-06-25.csv.gz",
            "  backbeat upload --dataset songs --prefix 2024-06 songs.csv --stack Backbeat-prod --region eu-west-1",
            "  backbeat upload --local --dataset users users.csv     # the stack of 'backbeat local run --keep'",
            "  backbeat upload --dataset events events-2024-06-25.ndjson.gz"
        })
public final class UploadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackTarget target;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", converter = DatasetConverter.class,
            description = "users, songs, streams, events or catalog")
    Dataset dataset;

    @Option(names = "--prefix", paramLabel = "PATH", description = "a folder below raw/DATASET/ (e.g. a date or a source)")
    String prefix;

    @Option(names = "--force", description = "upload even a file validation would reject as a whole (it will be quarantined)")
    boolean force;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".csv or .csv.gz files (events, catalog: .ndjson or .json, or .gz)")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Upload> uploads = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), file + " is not a readable file");
            }
            uploads.add(new Upload(file, rawKey(file)));
        }
        int exitCode = 0;
        try (ConnectedStack stack = target.connect()) {
            Path scratch = Files.createTempDirectory("backbeat-upload-check-");
            try (S3AsyncClient s3 = stack.multipartS3().get(); S3TransferManager transfers = S3TransferManager.builder().s3Client(s3).build()) {
                LocalFileCheck check = new LocalFileCheck(scratch);
                for (Upload upload : uploads) {
                    StageResult validated = check.validate(dataset, upload.file());
                    if (validated.rejectedAsWhole()) {
                        err.printf("%s: validation would reject the whole file: %s%n", upload.file(), validated.fileRejection().message());
                        if (!force) {
                            err.printf("  not uploaded; fix the file, or pass --force to upload it anyway (it will be quarantined)%n");
                            exitCode = 2;
                            continue;
                        }
                    } else if (validated.rowsRejected() > 0) {
                        err.printf("%s: %,d of %,d rows will be rejected (%s); see 'backbeat check --dataset %s %s'%n",
                                upload.file(), validated.rowsRejected(), validated.rowsIn(), validated.rejectsByReason(),
                                dataset.id(), upload.file());
                    }
                    long started = System.nanoTime();
                    CompletedFileUpload done = send(transfers, stack.bucket(), upload, err);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long size = Files.size(upload.file());
                    out.printf("uploaded %s to s3://%s/%s (%,d bytes in %.1f s, %d rows checked), ETag %s%n", upload.file(),
                            stack.bucket(), upload.key(), size, seconds, validated.rowsIn(), done.response().eTag());
                    out.flush();
                }
            } catch (SdkException e) {
                throw new IllegalStateException("upload to " + stack.label() + " failed: " + e.getMessage()
                        + "; nothing partial is left (multipart uploads are aborted on failure)", e);
            } finally {
                FileUtils.deleteDirectory(scratch.toFile());
            }
        }
        return exitCode;
    }

    private CompletedFileUpload send(S3TransferManager transfers, String bucket, Upload upload, PrintWriter err) {
        TransferListener progress = io.backbeat.cli.Terminal.isTerminal() ? new TerminalProgress(err, upload.file().getFileName().toString())
                : new TransferListener() {};
        FileUpload transfer = transfers.uploadFile(request -> request
                .source(upload.file())
                .putObjectRequest(put -> put.bucket(bucket).key(upload.key()).contentType(contentType(upload.file())))
                .addTransferListener(progress));
        return transfer.completionFuture().join();
    }

    private String rawKey(Path file) {
        String name = file.getFileName().toString();
        List<String> suffixes = dataset.inputFormat().uploadSuffixes();
        if (!dataset.inputFormat().names(name)) {
            throw new ParameterException(spec.commandLine(), file + " does not end in " + String.join(" or ", suffixes)
                    + ": the bucket only starts the pipeline for those (of " + dataset.id() + "); rename the file");
        }
        String folder = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
        String key = "raw/" + dataset.id() + "/" + folder + name;
        try {
            return ZoneKey.parse(key).key();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "cannot upload " + file + " as " + key + ": " + e.getMessage());
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return "application/gzip";
        }
        return name.endsWith(".ndjson") || name.endsWith(".json") ? "application/x-ndjson" : "text/csv";
    }

    private record Upload(Path file, String key) {}
}
