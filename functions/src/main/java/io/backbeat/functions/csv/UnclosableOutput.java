package io.backbeat.functions.csv;

import io.backbeat.functions.storage.ObjectOutput;
import java.io.IOException;
import java.io.OutputStream;

/** Keeps a zstd stream's close from publishing the object: only the writer's own close decides that. */
final class UnclosableOutput extends OutputStream {
    private final ObjectOutput output;

    UnclosableOutput(ObjectOutput output) {
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
