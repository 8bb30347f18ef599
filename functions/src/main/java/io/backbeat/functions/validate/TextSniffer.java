package io.backbeat.functions.validate;

import io.backbeat.events.FileRejectionCode;
import io.backbeat.events.InputFormat;
import io.backbeat.functions.csv.Compression;
import io.backbeat.functions.csv.DecodedInput;
import io.backbeat.functions.stage.FileRejectedException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Looks at the first bytes of decoded content to turn away empty and binary objects (an image, a zip,
 * a Parquet file uploaded by mistake) before the CSV reader sees them. Content is binary when its
 * first line holds a NUL byte, or when more than 1 in 20 of the first bytes are control bytes other
 * than tab, line feed, form feed and carriage return. A stray NUL further down is left to the row it is
 * in ({@code bad_encoding}), so one bad byte does not sink a file. UTF-16/32 text (with its byte-order
 * mark) is full of NUL bytes and is let through.
 */
final class TextSniffer {
    static final int SNIFF_BYTES = 8192;

    private TextSniffer() {}

    static void requireText(DecodedInput input, InputFormat format) throws IOException {
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
            throw new FileRejectedException(FileRejectionCode.EMPTY_OBJECT, container + "; expected "
                    + (format == InputFormat.CSV ? "a header line and rows" : "one JSON object per line"));
        }
        if (hasWideBom(head)) {
            return;
        }
        int controls = 0;
        boolean firstLine = true;
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b == '\n') {
                firstLine = false;
            } else if (b == 0 && firstLine) {
                throw notText("a NUL byte at offset " + i + " of the first line", input, format);
            } else if (b < 0x20 && b != '\t' && b != '\r' && b != '\f') {
                controls++;
            }
        }
        if (controls * 20L > head.length) {
            throw notText(controls + " control bytes in the first " + head.length + " bytes", input, format);
        }
    }

    private static FileRejectedException notText(String evidence, DecodedInput input, InputFormat format) {
        String content = input.compression() == Compression.NONE ? "content" : "decompressed content";
        String text = format == InputFormat.CSV ? "CSV" : "JSON lines";
        return new FileRejectedException(FileRejectionCode.NOT_TEXT, "the " + content + " is binary, not " + text + " text ("
                + evidence + "); upload a UTF-8 " + text + " file, optionally gzip-compressed");
    }

    private static boolean hasWideBom(byte[] head) {
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        return (b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff) || (b0 == 0 && b1 == 0 && head.length > 3
                && (head[2] & 0xff) == 0xfe && (head[3] & 0xff) == 0xff);
    }
}
