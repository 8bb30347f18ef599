package io.backbeat.events.contract;

import io.backbeat.events.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text that must be exactly one of a few values, case and spaces included (an app's {@code auth} or
 * {@code level}): anything else is {@code bad_value}.
 *
 * @param values the accepted values
 */
public record ChoiceType(List<String> values) implements ColumnType {

    public ChoiceType {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
    }

    public static ChoiceType of(String... values) {
        return new ChoiceType(List.of(values));
    }

    @Override
    public ReasonCode check(String value) {
        return values.contains(value) ? null : ReasonCode.BAD_VALUE;
    }

    @Override
    public String explain(String column, ReasonCode reason) {
        return reason == ReasonCode.BAD_VALUE
                ? column + " must be exactly one of " + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList())
                : column + ": " + reason.code();
    }

    @Override
    public String warehouseType() {
        int bytes = values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).max().orElseThrow();
        return "VARCHAR(" + bytes + ")";
    }
}
