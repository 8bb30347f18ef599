package io.backbeat.localcloud.redshift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Data API's {@code :name} placeholders, turned into JDBC {@code ?} markers bound as strings.
 * Placeholders count only in SQL code (not in literals or comments), never as the second colon of a
 * {@code ::} cast, and only for names that have a parameter: an unmatched {@code :name} stays and
 * fails as a syntax error, as it does in Redshift.
 */
final class NamedParameters {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w$]):([0-9A-Za-z_]+)");
    private static final Pattern QUESTION_MARK = Pattern.compile("\\?");

    private NamedParameters() {}

    /** SQL with {@code ?} markers (a literal {@code ?} operator doubled, as pgjdbc wants) and the values in marker order. */
    record Bound(String sql, List<String> values) {
        Bound {
            Objects.requireNonNull(sql, "sql must not be null");
            values = List.copyOf(values);
        }
    }

    static Bound bind(String sql, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return new Bound(sql, List.of());
        }
        String escaped = SqlText.of(sql).replaceInCode(QUESTION_MARK, m -> "??");
        List<String> values = new ArrayList<>();
        String bound = SqlText.of(escaped).replaceInCode(PLACEHOLDER, m -> {
            String value = parameters.get(m.group(1));
            if (value == null) {
                return m.group();
            }
            values.add(value);
            return "?";
        });
        return new Bound(bound, values);
    }

    /** The parameter names that no placeholder in {@code sql} uses, in the order given. */
    static Set<String> unused(String sql, Set<String> names) {
        Set<String> unused = new LinkedHashSet<>(names);
        Matcher matcher = PLACEHOLDER.matcher(SqlText.of(sql).code());
        while (matcher.find()) {
            unused.remove(matcher.group(1));
        }
        return unused;
    }
}
