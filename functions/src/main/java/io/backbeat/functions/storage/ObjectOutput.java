package io.backbeat.functions.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A new object being written. {@link #close()} publishes it; {@link #abort()} throws away everything
 * written so far, so a failed or rejected run never leaves a half-written output behind.
 */
public abstract class ObjectOutput extends OutputStream {

    /** The key (or path) the object is published under. */
    public abstract String key();

    /** Discards the object; nothing is published. Safe to call more than once, and after close. */
    public abstract void abort();

    /** Bytes written so far. */
    public abstract long bytesWritten();

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
