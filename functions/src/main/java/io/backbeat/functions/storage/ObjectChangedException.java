package io.backbeat.functions.storage;

/**
 * The object an event announced is gone or has been overwritten since. Not an error of the pipeline:
 * the newer object has its own event.
 */
public class ObjectChangedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ObjectChangedException(String location, ObjectVersion expected, Throwable cause) {
        super(location + " is no longer the version " + expected.identity()
                + " the event announced (overwritten or deleted since); the newer upload is processed on its own event", cause);
    }
}
