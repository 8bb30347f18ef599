package io.backbeat.functions.extract;

import io.backbeat.functions.storage.ObjectChangedException;
import io.backbeat.functions.storage.ObjectOutput;
import io.backbeat.functions.storage.ObjectStore;
import io.backbeat.functions.storage.ObjectVersion;
import io.backbeat.functions.storage.StoredObject;
import io.backbeat.functions.storage.StoredObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/** Objects in memory: published on close, gone on abort, as S3's multipart uploads behave. */
final class MemoryObjectStore implements ObjectStore {
    private final Map<String, byte[]> objects = new TreeMap<>();
    private int aborted;

    synchronized Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    synchronized byte[] bytes(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new AssertionError("no object " + key + "; there are " + objects.keySet());
        }
        return bytes;
    }

    synchronized int aborted() {
        return aborted;
    }

    @Override
    public synchronized StoredObject open(String key, ObjectVersion version) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new ObjectChangedException(locate(key), version, null);
        }
        return new StoredObject(new ByteArrayInputStream(bytes), bytes.length, null);
    }

    @Override
    public synchronized StoredObjectInfo describe(String key, ObjectVersion version) {
        return new StoredObjectInfo(bytes(key).length, null);
    }

    @Override
    public ObjectOutput create(String key, String contentType) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ObjectOutput() {
            private boolean finished;

            @Override
            public String key() {
                return key;
            }

            @Override
            public void abort() {
                if (!finished) {
                    finished = true;
                    synchronized (MemoryObjectStore.this) {
                        aborted++;
                    }
                }
            }

            @Override
            public long bytesWritten() {
                return buffer.size();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (finished) {
                    throw new IllegalStateException("write after close or abort of " + key);
                }
                buffer.write(bytes, offset, length);
            }

            @Override
            public void close() {
                if (!finished) {
                    finished = true;
                    synchronized (MemoryObjectStore.this) {
                        objects.put(key, buffer.toByteArray());
                    }
                }
            }
        };
    }

    @Override
    public String locate(String key) {
        return "memory://" + key;
    }
}
