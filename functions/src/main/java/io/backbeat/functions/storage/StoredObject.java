package io.backbeat.functions.storage;

import java.io.InputStream;

/**
 * An object opened for reading.
 *
 * @param content the bytes, streamed; the caller closes it
 * @param size the stored size in bytes
 * @param eTag the entity tag of the version being read
 */
public record StoredObject(InputStream content, long size, String eTag) {}
