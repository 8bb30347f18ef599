package io.backbeat.localcloud.redshift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One-off failures that tests arm for the next Sql string matching a pattern. */
final class InjectedFailures {
    private record Injection(Pattern pattern, String error) {}

    private final List<Injection> pending = new ArrayList<>();

    synchronized void add(Pattern pattern, String error) {
        pending.add(new Injection(pattern, error));
    }

    /** The error armed for {@code sql}, removed so it fires once; empty when none matches. */
    synchronized Optional<String> take(String sql) {
        for (Iterator<Injection> it = pending.iterator(); it.hasNext(); ) {
            Injection injection = it.next();
            if (injection.pattern().matcher(sql).find()) {
                it.remove();
                return Optional.of(injection.error());
            }
        }
        return Optional.empty();
    }
}
