package io.backbeat.cli;

import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import io.backbeat.functions.storage.StoredObjectInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output directory of {@code backbeat check}, plus one local file that reads as if uploaded to
 * {@code rawKey}: the file is read where it is, never copied.
 */
public record LocalInputStore(ObjectStore outputs, String rawKey, Path file) implements ObjectStore {

    @Override
    public StoredObject open(String key, ObjectVersion version) throws IOException {
        if (key.equals(rawKey)) {
            return new StoredObject(Files.newInputStream(file), Files.size(file), null);
        }
        return outputs.open(key, version);
    }

    @Override
    public StoredObjectInfo describe(String key, ObjectVersion version) throws IOException {
        return key.equals(rawKey) ? new StoredObjectInfo(Files.size(file), null) : outputs.describe(key, version);
    }

    @Override
    public ObjectOutput create(String key, String contentType) throws IOException {
        return outputs.create(key, contentType);
    }

    @Override
    public String locate(String key) {
        return key.equals(rawKey) ? file.toString() : outputs.locate(key);
    }
}
