package io.backbeat.functions.validate;

import io.backbeat.events.FileRejectionCode;
import io.backbeat.functions.csv.DecodedInput;
import io.backbeat.functions.stage.FileRejectedException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Looks at the first bytes of decoded content to turn away empty and binary objects before the CSV
 * reader sees them: a NUL byte in text without a UTF-16/32 byte-order mark means it is not text
 * (an image, a zip, a Parquet file uploaded by mistake).
 */
final class TextSniffer {
    static final int SNIFF_BYTES = 8192;

    private TextSniffer() {}

    static void requireText(DecodedInput input) throws IOException {
        InputStream text = input.stream();
        if (!text.markSupported()) {
            throw new IllegalStateException("decoded input must support mark/reset");
        }
        text.mark(SNIFF_BYTES);
        byte[] head = text.readNBytes(SNIFF_BYTES);
        text.reset();
        if (head.length == 0) {
            String container = switch (input.compression()) {
                case NONE -> "the object is empty (0 bytes)";
                case GZIP -> "the object is a gzip file of 0 bytes";
                case ZSTD -> "the object is a zstd file of 0 bytes";
            };
            throw new FileRejectedException(FileRejectionCode.EMPTY_OBJECT, container + "; expected a header line and rows");
        }
        if (hasWideBom(head)) {
            return;
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                throw new FileRejectedException(FileRejectionCode.NOT_TEXT, "the content is binary, not CSV text (NUL byte at offset "
                        + i + " of the " + (input.compression() == io.backbeat.functions.csv.Compression.NONE ? "" : "decompressed ")
                        + "content); upload a UTF-8 CSV file, optionally gzip-compressed");
            }
        }
    }

    private static boolean hasWideBom(byte[] head) {
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        return (b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff) || (b0 == 0 && b1 == 0 && head.length > 3
                && (head[2] & 0xff) == 0xfe && (head[3] & 0xff) == 0xff);
    }
}
