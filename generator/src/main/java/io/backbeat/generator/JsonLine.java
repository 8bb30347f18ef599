package io.backbeat.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object as its fields in order, each value kept as JSON text, so a field can be replaced, dropped
 * or repeated to spoil a line on purpose. Strings are escaped as JSON requires (quotes, backslashes,
 * control characters) and otherwise written as they are: non-ASCII text goes out as UTF-8, not as
 * backslash-u escapes, as eventsim writes it.
 */
final class JsonLine implements JsonFields {
    private final List<String> names;
    private final List<String> values;

    JsonLine() {
        this(new ArrayList<>(20), new ArrayList<>(20));
    }

    private JsonLine(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    @Override
    public JsonLine text(String name, String value) {
        return json(name, quote(value));
    }

    @Override
    public JsonLine number(String name, long value) {
        return json(name, Long.toString(value));
    }

    /** Adds a field whose value is the JSON text {@code json}, written as is (valid JSON or not). */
    @Override
    public JsonLine json(String name, String json) {
        names.add(name);
        values.add(json);
        return this;
    }

    boolean has(String name) {
        return names.contains(name);
    }

    /** The JSON text of a field's value. */
    String value(String name) {
        int at = indexOf(name);
        return values.get(at);
    }

    /** A copy with the value of {@code name} replaced by the JSON text {@code json}, in place. */
    JsonLine with(String name, String json) {
        JsonLine copy = copy();
        copy.values.set(indexOf(name), json);
        return copy;
    }

    JsonLine without(String name) {
        JsonLine copy = copy();
        int at = indexOf(name);
        copy.names.remove(at);
        copy.values.remove(at);
        return copy;
    }

    JsonLine copy() {
        return new JsonLine(new ArrayList<>(names), new ArrayList<>(values));
    }

    /** The object on one line, without the line end. */
    String text() {
        StringBuilder line = new StringBuilder(400).append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(names.get(i))).append(':').append(values.get(i));
        }
        return line.append('}').toString();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private int indexOf(String name) {
        int at = names.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("the line has no field " + name + "; it has " + names);
        }
        return at;
    }
}
