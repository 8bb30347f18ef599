package io.backbeat.cli;

import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import io.backbeat.functions.storage.StoredObjectInfo;
import io.backbeat.functions.storage.ObjectChangedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A directory laid out like the landing bucket ({@code DIR/validated/streams/...}), for running the
 * stages on local files without any cloud. Keys must stay inside the directory: a key that would
 * escape it ({@code ../}) is refused. Outputs are written to a temporary file and moved into place on
 * close, so an aborted output leaves nothing.
 */
public final class DirectoryObjectStore implements ObjectStore {
    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = Objects.requireNonNull(root, "root must not be null").toAbsolutePath().normalize();
    }

    public Path pathOf(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key '" + key + "' points outside " + root);
        }
        return path;
    }

    @Override
    public StoredObject open(String key, ObjectVersion version) throws IOException {
        Path path = pathOf(key);
        try {
            InputStream in = Files.newInputStream(path);
            return new StoredObject(in, Files.size(path), null);
        } catch (NoSuchFileException e) {
            throw new ObjectChangedException(locate(key), version, e);
        }
    }

    @Override
    public StoredObjectInfo describe(String key, ObjectVersion version) throws IOException {
        try {
            return new StoredObjectInfo(Files.size(pathOf(key)), null);
        } catch (NoSuchFileException e) {
            throw new ObjectChangedException(locate(key), version, e);
        }
    }

    @Override
    public ObjectOutput create(String key, String contentType) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
        return new FileOutput(key, target, temporary);
    }

    @Override
    public String locate(String key) {
        return pathOf(key).toString();
    }

    private static final class FileOutput extends ObjectOutput {
        private final String key;
        private final Path target;
        private final Path temporary;
        private final OutputStream out;
        private long written;
        private boolean finished;

        FileOutput(String key, Path target, Path temporary) throws IOException {
            this.key = key;
            this.target = target;
            this.temporary = temporary;
            this.out = Files.newOutputStream(temporary);
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public long bytesWritten() {
            return written;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written += length;
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            out.close();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                out.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not remove " + temporary, e);
            }
        }
    }
}
