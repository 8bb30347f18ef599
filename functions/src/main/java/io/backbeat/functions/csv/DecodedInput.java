package io.backbeat.functions.csv;

import com.github.luben.zstd.ZstdInputStream;
import io.backbeat.events.FileRejectionCode;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The text bytes of a stored object: gzip and zstd are undone whatever the key says (a {@code .gz} key
 * holding plain text, or the reverse, both work). Damaged compressed data surfaces as
 * {@link CorruptInputException}; a failure of the underlying stream as {@link SourceReadException}.
 *
 * <pre>{@code
 * try (DecodedInput input = DecodedInput.of(s3Stream)) {
 *     input.compression();      // GZIP
 *     input.stream().read(...); // text bytes
 * }
 * }</pre>
 */
public final class DecodedInput implements AutoCloseable {
    private static final int BUFFER_SIZE = 1 << 16;

    private final CountingStream source;
    private final Compression compression;
    private final InputStream text;

    private DecodedInput(CountingStream source, Compression compression, InputStream text) {
        this.source = source;
        this.compression = compression;
        this.text = text;
    }

    public static DecodedInput of(InputStream stored) throws IOException {
        CountingStream source = new CountingStream(stored);
        BufferedInputStream buffered = new BufferedInputStream(source, BUFFER_SIZE);
        buffered.mark(4);
        byte[] head = buffered.readNBytes(4);
        buffered.reset();
        Compression compression = Compression.sniff(head, head.length);
        InputStream text = switch (compression) {
            case NONE -> buffered;
            case GZIP -> new TranslatingStream(gunzip(buffered), FileRejectionCode.CORRUPT_GZIP, source);
            case ZSTD -> new TranslatingStream(unzstd(buffered), FileRejectionCode.CORRUPT_ZSTD, source);
        };
        return new DecodedInput(source, compression, text);
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        try {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER_SIZE), BUFFER_SIZE);
        } catch (SourceReadException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptInputException(FileRejectionCode.CORRUPT_GZIP, "the gzip header is damaged: " + e.getMessage(), e);
        }
    }

    private static InputStream unzstd(InputStream in) throws IOException {
        try {
            return new BufferedInputStream(new ZstdInputStream(in), BUFFER_SIZE);
        } catch (SourceReadException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptInputException(FileRejectionCode.CORRUPT_ZSTD, "the zstd header is damaged: " + e.getMessage(), e);
        }
    }

    public Compression compression() {
        return compression;
    }

    /** The decompressed bytes. */
    public InputStream stream() {
        return text;
    }

    /** Stored (compressed) bytes consumed so far. */
    public long storedBytesRead() {
        return source.count;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }

    /** Counts stored bytes and marks their read failures as {@link SourceReadException}. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            } catch (IOException e) {
                throw new SourceReadException("reading the stored object failed after " + count + " bytes: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                int n = super.read(bytes, offset, length);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                throw new SourceReadException("reading the stored object failed after " + count + " bytes: " + e.getMessage(), e);
            }
        }
    }

    /** Turns a decompressor's complaints into {@link CorruptInputException}, letting source failures through. */
    private static final class TranslatingStream extends FilterInputStream {
        private final FileRejectionCode code;
        private final CountingStream source;

        TranslatingStream(InputStream in, FileRejectionCode code, CountingStream source) {
            super(in);
            this.code = code;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SourceReadException | CorruptInputException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return super.read(bytes, offset, length);
            } catch (SourceReadException | CorruptInputException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        private CorruptInputException corrupt(IOException e) {
            String format = code == FileRejectionCode.CORRUPT_GZIP ? "gzip" : "zstd";
            return new CorruptInputException(code, "the " + format + " data is damaged or truncated near stored byte "
                    + source.count + " (" + e.getMessage() + "); re-export and upload the file again", e);
        }
    }
}
