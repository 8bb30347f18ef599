package io.backbeat.functions.storage;

import java.io.IOException;

/**
 * Where stages read their input and write their outputs: the landing bucket in AWS, a directory for
 * {@code backbeat check}. Keys are bucket keys ({@code validated/streams/...}).
 */
public interface ObjectStore {

    /**
     * Opens an object for streaming.
     *
     * @param version the version id or ETag the reader expects; null reads the current object
     * @throws ObjectChangedException when the object is gone or no longer that version
     */
    StoredObject open(String key, ObjectVersion version) throws IOException;

    /**
     * The size and ETag of an object, without reading it.
     *
     * @throws ObjectChangedException when the object is gone or no longer that version
     */
    StoredObjectInfo describe(String key, ObjectVersion version) throws IOException;

    /** Starts a new object; nothing is visible until the output is closed. */
    ObjectOutput create(String key, String contentType) throws IOException;

    /** Human-readable location of a key, for reports and logs ({@code s3://bucket/key} or a path). */
    String locate(String key);
}
