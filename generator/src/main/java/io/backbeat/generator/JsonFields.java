package io.backbeat.generator;

/** Where the fields of one JSON object go, in order: a {@link JsonLine} to edit, or straight into a file. */
interface JsonFields {

    /** A string field; the value is escaped as JSON requires. */
    JsonFields text(String name, String value);

    JsonFields number(String name, long value);

    /** A field whose value is already JSON text (a number with decimals, say), written as is. */
    JsonFields json(String name, String json);
}
