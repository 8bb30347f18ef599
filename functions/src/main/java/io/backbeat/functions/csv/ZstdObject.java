package io.backbeat.functions.csv;

import com.github.luben.zstd.ZstdOutputStream;
import io.backbeat.functions.storage.ObjectOutput;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A zstd stream into a new object, for the writers of the zones: {@link #publish()} finishes the stream and publishes
 * the object, {@link #discard()} frees zstd's native context and publishes nothing.
 */
final class ZstdObject {
    private final ObjectOutput output;
    private final ZstdOutputStream zstd;

    ZstdObject(ObjectOutput output, int level) throws IOException {
        this.output = output;
        this.zstd = new ZstdOutputStream(new Unclosable(output), level);
    }

    /** Where the uncompressed bytes go; hand it whole buffers (each write is a native call). */
    OutputStream stream() {
        return zstd;
    }

    String key() {
        return output.key();
    }

    /** Compressed bytes handed to the output so far. */
    long bytesWritten() {
        return output.bytesWritten();
    }

    void publish() throws IOException {
        zstd.close();
        output.close();
    }

    void discard() {
        try {
            zstd.close(); // frees zstd's native context; what it flushes is discarded just below
        } catch (IOException e) {
            // the output may be what broke; it is discarded either way, so there is nothing to save
        } finally {
            output.abort();
        }
    }

    /** Keeps the zstd stream's close from publishing the object: only {@link #publish()} decides that. */
    private static final class Unclosable extends OutputStream {
        private final ObjectOutput output;

        Unclosable(ObjectOutput output) {
            this.output = output;
        }

        @Override
        public void write(int b) throws IOException {
            output.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            output.write(bytes, offset, length);
        }

        @Override
        public void close() {}
    }
}
