package io.backbeat.functions.storage;

/**
 * What a store knows of an object without reading it.
 *
 * @param size the stored size in bytes
 * @param eTag the entity tag, or null where the store has none
 */
public record StoredObjectInfo(long size, String eTag) {}
